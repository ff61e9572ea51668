import ModelGraph

/// `Normalization` → `(x − mean) / max(√variance, ε)` with Keras' ε = 1e-7, mean and
/// variance from the config or the adapted weights, per channel.
enum NormalizationRule: KerasRule {
  static let classNames = ["Normalization"]

  static func unsupported(_ node: Node) -> String? {
    if node.attributes["invert"]?.int == 1 { return "invert=True is not supported" }
    if let axis = node.attributes["axis"]?.ints, axis != [-1] { return "axis \(axis) is not supported (only -1)" }
    return nil
  }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    let mean = try values(layer, "mean"), variance = try values(layer, "variance")
    guard mean.count == variance.count, !mean.isEmpty else {
      throw .badWeight(layer: layer.name, weight: "mean/variance", expected: "equal lengths", found: "\(mean.count) and \(variance.count)")
    }
    let std = variance.map { max($0.squareRoot(), 1e-7) }
    let centered = b.emit("Sub", [x.name, b.constant("mean", RescalingRule.channelConstant(mean, like: x))])
    let y = b.emit("Div", [centered, b.constant("std", RescalingRule.channelConstant(std, like: x))])
    return KerasValue(name: y, shape: x.shape, channelsFirst: x.channelsFirst)
  }

  /// From the config when given there, else the adapted weight.
  static func values(_ layer: KerasLayer, _ name: String) throws(LoweringError) -> [Float] {
    if let v = layer.floats(name) { return v }
    return try layer.weight(name).floats() ?? []
  }
}
