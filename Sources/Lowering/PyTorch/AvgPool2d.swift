import ModelGraph

/// `avg_pool2d(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)`
/// → `AveragePool`; a divisor override rescales the windows' means (`· kh·kw / divisor`).
enum AvgPool2d {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let kernel = try e.spatial("kernel_size", count: 2)
    let stride = try e.ints("stride").isEmpty ? kernel : try e.spatial("stride", count: 2)
    let pad = try e.spatial("padding", count: 2)
    let spatial = try? Array(e.shape(e.input(0)).suffix(2))
    let ceil = Pooling.onnxCeilMode(input: spatial, kernel: kernel, stride: stride, pad: pad, dilation: [1, 1],
                                    ceil: try e.bool("ceil_mode"))
    let divisor = e.has("divisor_override") ? try e.int("divisor_override") : nil
    if divisor != nil && ceil {
      throw e.fail("divisor_override", expected: "None when windows overhang the input (ceil_mode)", found: "\(divisor ?? 0)")
    }
    let countPad = try e.bool("count_include_pad")
    let includePad = divisor != nil || countPad
    let attributes: [String: Attribute] = [
      "kernel_shape": .ints(kernel.map { Int64($0) }),
      "strides": .ints(stride.map { Int64($0) }),
      "pads": .ints((pad + pad).map { Int64($0) }),
      "ceil_mode": .int(ceil ? 1 : 0),
      // With a divisor override every window divides by its full size, padding included.
      "count_include_pad": .int(includePad ? 1 : 0),
    ]
    guard let divisor else { return e.finish("AveragePool", [e.input(0)], attributes) }
    let mean = e.emit("AveragePool", [e.input(0)], attributes)
    let factor = Double(kernel[0] * kernel[1]) / Double(divisor)
    e.finish("Mul", [mean, e.scalar(factor, e.dtype(e.input(0)), "divisor_scale")])
  }
}
