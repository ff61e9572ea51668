import ModelGraph

/// `conv2d` / `convolution(input, weight, bias?, stride, padding, dilation, transposed,
/// output_padding, groups)` → `Conv` with symmetric pads; weights stay OIHW.
enum Convolution {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    if e.has("transposed"), try e.bool("transposed") {
      throw e.fail("transposed", expected: "False (ConvTranspose is not supported)", found: "True")
    }
    let kernel = Array(try e.shape(e.input(1)).dropFirst(2))
    let n = kernel.count
    let padding = try e.spatial("padding", count: n)
    let inputs = e.input(2).isEmpty ? [e.input(0), e.input(1)] : [e.input(0), e.input(1), e.input(2)]
    e.finish("Conv", inputs, [
      "kernel_shape": .ints(kernel.map { Int64($0) }),
      "strides": .ints(try e.spatial("stride", count: n).map { Int64($0) }),
      "pads": .ints((padding + padding).map { Int64($0) }),
      "dilations": .ints(try e.spatial("dilation", count: n).map { Int64($0) }),
      "group": .int(Int64(try e.int("groups"))),
    ])
  }
}
