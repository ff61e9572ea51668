import ModelGraph

/// `LayerNormalization` over trailing Keras axes → `LayerNormalization` (opset 17) on the
/// channels-last tensor.
enum LayerNormalizationRule: KerasRule {
  static let classNames = ["LayerNormalization"]

  static func unsupported(_ node: Node) -> String? {
    node.attributes["rms_scaling"]?.int == 1 ? "rms_scaling=True is not supported" : nil
  }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    let axes = (layer.ints("axis") ?? [-1]).map { $0 < 0 ? $0 + x.rank : $0 }.sorted()
    guard let first = axes.first, axes == Array(first..<x.rank) else {
      throw .badInput(layer: layer.name, expected: "normalisation over trailing axes", found: "axes \(axes) of rank \(x.rank)")
    }
    let normalized = axes.map { x.shape[$0] ?? 1 }
    let gamma = layer.weights["gamma"] ?? .filled(1, shape: normalized)
    let beta = layer.weights["beta"] ?? .filled(0, shape: normalized)
    let inputs = [b.channelsLast(x), b.constant("scale", gamma.reshaped(normalized)), b.constant("B", beta.reshaped(normalized))]
    let y = b.emit("LayerNormalization", inputs, ["axis": .int(Int64(first)), "epsilon": .float(layer.float("epsilon") ?? 0.001)])
    return KerasValue(name: y, shape: x.shape, channelsFirst: false)
  }
}
