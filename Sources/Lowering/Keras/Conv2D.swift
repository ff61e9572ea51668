import ModelGraph

/// `Conv2D` → `Conv` (kernel HWIO → OIHW, TensorFlow "same" padding as explicit pads, groups)
/// plus its activation.
enum Conv2DRule: KerasRule {
  static let classNames = ["Conv2D"]

  static func unsupported(_ node: Node) -> String? { ConvWindow.unsupported(node) ?? KerasActivation.unsupported(node) }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let window = ConvWindow(layer)
    let groups = layer.int("groups", default: 1)
    let kernel = try layer.weight("kernel")
    try ConvWindow.check(kernel, window.kernel + [x.shape[3].map { $0 / groups }, nil], layer: layer, weight: "kernel")
    var inputs = [b.channelsFirst(x), b.constant("W", kernel.permuted([3, 2, 0, 1]))]
    if let bias = layer.weights["bias"] { inputs.append(b.constant("B", bias)) }
    var attributes = window.attributes(x.shape)
    attributes["group"] = .int(Int64(groups))
    let y = KerasValue(name: b.emit("Conv", inputs, attributes), shape: window.outputShape(x.shape, channels: kernel.shape[3]),
                       channelsFirst: true)
    return KerasActivation.inLayer(layer, y, &b)
  }
}
