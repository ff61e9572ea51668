import ModelGraph

/// `DepthwiseConv2D` → grouped `Conv` with `group = C`: the Keras kernel `[H, W, C, M]`
/// becomes `[C·M, 1, H, W]` (output channel `c·M + m`, as Keras orders them).
enum DepthwiseConv2DRule: KerasRule {
  static let classNames = ["DepthwiseConv2D"]

  static func unsupported(_ node: Node) -> String? { ConvWindow.unsupported(node) ?? KerasActivation.unsupported(node) }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let window = ConvWindow(layer)
    let kernel = try layer.weight("depthwise_kernel")
    try ConvWindow.check(kernel, window.kernel + [x.shape[3], nil], layer: layer, weight: "depthwise_kernel")
    let y = depthwise(x, kernel: kernel, bias: layer.weights["bias"], window: window, &b)
    return KerasActivation.inLayer(layer, y, &b)
  }

  /// The depthwise convolution shared with `SeparableConv2D`.
  static func depthwise(_ x: KerasValue, kernel: Tensor, bias: Tensor?, window: ConvWindow, _ b: inout KerasLowering) -> KerasValue {
    let (kh, kw, c, m) = (kernel.shape[0], kernel.shape[1], kernel.shape[2], kernel.shape[3])
    var inputs = [b.channelsFirst(x), b.constant("W", kernel.permuted([2, 3, 0, 1]).reshaped([c * m, 1, kh, kw]))]
    if let bias { inputs.append(b.constant("B", bias)) }
    var attributes = window.attributes(x.shape)
    attributes["group"] = .int(Int64(c))
    return KerasValue(name: b.emit("Conv", inputs, attributes), shape: window.outputShape(x.shape, channels: c * m),
                      channelsFirst: true)
  }
}
