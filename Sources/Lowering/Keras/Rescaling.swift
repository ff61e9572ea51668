import ModelGraph

/// `Rescaling` → `x · scale + offset` (`Mul`, `Add`); per-channel lists broadcast on the
/// channel axis.
enum RescalingRule: KerasRule {
  static let classNames = ["Rescaling"]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    let scale = layer.floats("scale") ?? [1], offset = layer.floats("offset") ?? [0]
    var y = b.emit("Mul", [x.name, b.constant("scale", channelConstant(scale, like: x))])
    if offset.contains(where: { $0 != 0 }) { y = b.emit("Add", [y, b.constant("offset", channelConstant(offset, like: x))]) }
    return KerasValue(name: y, shape: x.shape, channelsFirst: x.channelsFirst)
  }

  /// A scalar, or a per-channel vector shaped to broadcast against `x`'s ONNX layout.
  static func channelConstant(_ values: [Float], like x: KerasValue) -> Tensor {
    guard values.count > 1 else { return Tensor([values.first ?? 0], shape: []) }
    let shape = x.channelsFirst ? [values.count] + [Int](repeating: 1, count: max(x.rank - 2, 0)) : [values.count]
    return Tensor(values, shape: shape)
  }
}
