import ModelGraph

/// `Reshape(target_shape)` → `Reshape` of the channels-last tensor to `[batch, target…]`.
enum ReshapeRule: KerasRule {
  static let classNames = ["Reshape"]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    guard let target = layer.ints("target_shape") else {
      throw .badInput(layer: layer.name, expected: "a target_shape", found: "none")
    }
    let y = b.emit("Reshape", [b.channelsLast(x), b.constant("shape", .int64s([0] + target))])
    let known = x.shape.dropFirst().reduce(1 as Int?) { a, d in a.flatMap { a in d.map { a * $0 } } }
    let fixed = target.filter { $0 != -1 }.reduce(1, *)
    let shape: [Int?] = [x.shape[0]] + target.map { $0 == -1 ? known.map { $0 / max(fixed, 1) } : $0 }
    return KerasValue(name: y, shape: shape, channelsFirst: false)
  }
}
