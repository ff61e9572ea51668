import ModelGraph

/// `PReLU` → `PRelu`, the learned `alpha` (Keras shape = input shape without batch, 1 on
/// shared axes) permuted like the input.
enum PReLURule: KerasRule {
  static let classNames = ["PReLU"]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    var alpha = try layer.weight("alpha")
    guard alpha.rank == x.rank - 1 else {
      throw .badWeight(layer: layer.name, weight: "alpha", expected: "rank \(x.rank - 1)", found: "\(alpha.shape)")
    }
    if x.channelsFirst && alpha.rank >= 2 {
      alpha = alpha.permuted([alpha.rank - 1] + Array(0..<(alpha.rank - 1)))
    }
    let y = b.emit("PRelu", [x.name, b.constant("slope", alpha)])
    return KerasValue(name: y, shape: x.shape, channelsFirst: x.channelsFirst)
  }
}
