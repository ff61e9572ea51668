import ModelGraph

/// `BatchNormalization` (inference) → `BatchNormalization` on the channel axis, with
/// `gamma = 1` when `scale=False` and `beta = 0` when `center=False`.
enum BatchNormalizationRule: KerasRule {
  static let classNames = ["BatchNormalization"]

  static func unsupported(_ node: Node) -> String? {
    if let axis = node.attributes["axis"]?.ints ?? node.attributes["axis"]?.int.map({ [$0] }), axis != [-1] && axis != [3] && axis != [1] {
      return "axis \(axis) is not supported (only the channel axis, -1)"
    }
    if node.attributes["renorm"]?.int == 1 { return "renorm=True is not supported" }
    return nil
  }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    let axis = layer.ints("axis")?.first ?? -1
    guard axis == -1 || axis == x.rank - 1 else {
      throw .badInput(layer: layer.name, expected: "the channel axis last (axis \(axis))", found: "rank \(x.rank)")
    }
    let mean = try layer.weight("moving_mean"), variance = try layer.weight("moving_variance")
    let c = mean.elementCount
    let gamma = layer.weights["gamma"] ?? .filled(1, shape: [c]), beta = layer.weights["beta"] ?? .filled(0, shape: [c])
    for (name, w) in [("gamma", gamma), ("beta", beta), ("moving_variance", variance)] where w.shape != [c] {
      throw .badWeight(layer: layer.name, weight: name, expected: "[\(c)]", found: "\(w.shape)")
    }
    let input = x.rank >= 3 ? b.channelsFirst(x) : x.name
    let inputs = [input, b.constant("scale", gamma), b.constant("B", beta), b.constant("mean", mean), b.constant("var", variance)]
    let epsilon = layer.float("epsilon") ?? 0.001
    let y = b.emit("BatchNormalization", inputs, ["epsilon": .float(epsilon)])
    return KerasValue(name: y, shape: x.shape, channelsFirst: x.rank >= 3)
  }
}
