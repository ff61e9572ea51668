import ModelGraph

/// `MaxPooling2D` → `MaxPool`; `AveragePooling2D` → `AveragePool` with
/// `count_include_pad = 0`: TensorFlow's "same" average divides by the number of real inputs
/// under the window, not the window size.
enum Pooling2DRule: KerasRule {
  static let classNames = ["AveragePooling2D", "MaxPooling2D"]

  static func unsupported(_ node: Node) -> String? { ConvWindow.unsupported(node) }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let window = ConvWindow(layer, kernelKey: "pool_size", kernel: [2, 2])
    var attributes = window.attributes(x.shape, dilated: false)
    let op = layer.className == "MaxPooling2D" ? "MaxPool" : "AveragePool"
    if op == "AveragePool" { attributes["count_include_pad"] = .int(0) }
    let y = b.emit(op, [b.channelsFirst(x)], attributes)
    return KerasValue(name: y, shape: window.outputShape(x.shape, channels: x.shape[3]), channelsFirst: true)
  }
}
