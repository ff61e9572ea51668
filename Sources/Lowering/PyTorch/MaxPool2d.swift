import ModelGraph

/// `max_pool2d` and `max_pool2d_with_indices` (indices unused) → `MaxPool`; an empty stride
/// means the kernel size.
enum MaxPool2d {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    if !e.result(1).isEmpty && e.consumed.contains(e.result(1)) {
      throw e.fail("indices", expected: "unused (ONNX MaxPool indices differ from torch's)", found: "used by another node")
    }
    let kernel = try e.spatial("kernel_size", count: 2)
    let stride = try e.ints("stride").isEmpty ? kernel : try e.spatial("stride", count: 2)
    let pad = try e.spatial("padding", count: 2)
    let dilation = try e.spatial("dilation", count: 2)
    let spatial = try? Array(e.shape(e.input(0)).suffix(2))
    let ceil = Pooling.onnxCeilMode(input: spatial, kernel: kernel, stride: stride, pad: pad, dilation: dilation,
                                    ceil: try e.bool("ceil_mode"))
    e.finish("MaxPool", [e.input(0)], [
      "kernel_shape": .ints(kernel.map { Int64($0) }),
      "strides": .ints(stride.map { Int64($0) }),
      "pads": .ints((pad + pad).map { Int64($0) }),
      "dilations": .ints(dilation.map { Int64($0) }),
      "ceil_mode": .int(ceil ? 1 : 0),
    ])
  }
}
