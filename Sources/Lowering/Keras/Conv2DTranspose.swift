import ModelGraph

/// `Conv2DTranspose` → `ConvTranspose` (kernel `[H, W, out, in]` → `[in, out, H, W]`), with
/// pads and output padding that give Keras' output size (`in·stride` for "same").
enum Conv2DTransposeRule: KerasRule {
  static let classNames = ["Conv2DTranspose"]

  static func unsupported(_ node: Node) -> String? {
    if let reason = ConvWindow.unsupported(node) ?? KerasActivation.unsupported(node) { return reason }
    if let d = node.attributes["dilation_rate"]?.ints, d.contains(where: { $0 != 1 }) { return "dilation_rate other than 1 is not supported" }
    if node.attributes["output_padding"] != nil { return "an explicit output_padding is not supported" }
    return nil
  }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let window = ConvWindow(layer)
    let kernel = try layer.weight("kernel")
    try ConvWindow.check(kernel, window.kernel + [nil, x.shape[3]], layer: layer, weight: "kernel")
    var inputs = [b.channelsFirst(x), b.constant("W", kernel.permuted([3, 2, 0, 1]))]
    if let bias = layer.weights["bias"] { inputs.append(b.constant("B", bias)) }
    // Keras: "same" → out = in·s; "valid" → out = in·s + max(k − s, 0). With ONNX's
    // out = s·(in − 1) + k − padBegin − padEnd + outputPadding that is: "same" pads k − s
    // (the extra at the end), or output padding s − k when k < s.
    var begins: [Int64] = [], ends: [Int64] = [], extra: [Int64] = []
    for (k, s) in zip(window.kernel, window.strides) {
      let total = window.same ? max(k - s, 0) : 0
      begins.append(Int64(total / 2))
      ends.append(Int64(total - total / 2))
      extra.append(Int64(max(s - k, 0)))
    }
    let attributes: [String: Attribute] = [
      "kernel_shape": .ints(window.kernel.map(Int64.init)), "strides": .ints(window.strides.map(Int64.init)),
      "pads": .ints(begins + ends), "output_padding": .ints(extra),
    ]
    let spatial = zip([x.shape[1], x.shape[2]], zip(window.kernel, window.strides)).map { size, ks in
      size.map { $0 * ks.1 + (window.same ? 0 : max(ks.0 - ks.1, 0)) }
    }
    let y = KerasValue(name: b.emit("ConvTranspose", inputs, attributes),
                       shape: [x.shape[0], spatial[0], spatial[1], kernel.shape[2]], channelsFirst: true)
    return KerasActivation.inLayer(layer, y, &b)
  }
}
