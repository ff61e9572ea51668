import ModelGraph

/// `SeparableConv2D` → depthwise `Conv` (group = C, no bias) then pointwise 1×1 `Conv` with
/// the bias, plus the activation.
enum SeparableConv2DRule: KerasRule {
  static let classNames = ["SeparableConv2D"]

  static func unsupported(_ node: Node) -> String? { ConvWindow.unsupported(node) ?? KerasActivation.unsupported(node) }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let window = ConvWindow(layer)
    let depthwise = try layer.weight("depthwise_kernel"), pointwise = try layer.weight("pointwise_kernel")
    try ConvWindow.check(depthwise, window.kernel + [x.shape[3], nil], layer: layer, weight: "depthwise_kernel")
    try ConvWindow.check(pointwise, [1, 1, depthwise.shape[2] * depthwise.shape[3], nil], layer: layer, weight: "pointwise_kernel")
    let d = DepthwiseConv2DRule.depthwise(x, kernel: depthwise, bias: nil, window: window, &b)
    var inputs = [d.name, b.constant("W", pointwise.permuted([3, 2, 0, 1]))]
    if let bias = layer.weights["bias"] { inputs.append(b.constant("B", bias)) }
    let y = b.emit("Conv", inputs, ["kernel_shape": .ints([1, 1]), "pads": .ints([0, 0, 0, 0]), "strides": .ints([1, 1])])
    var shape = d.shape
    shape[3] = pointwise.shape[3]
    return KerasActivation.inLayer(layer, KerasValue(name: y, shape: shape, channelsFirst: true), &b)
  }
}
