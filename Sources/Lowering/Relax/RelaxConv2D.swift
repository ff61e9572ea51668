import ModelGraph

/// `relax.nn.conv2d(data, weight; strides, padding, dilation, groups, data_layout,
/// kernel_layout)` → `Conv`. Relax's `padding` is `[top, left, bottom, right]`, ONNX's `pads`
/// order too; NCHW data and OIHW kernels only (what every frontend and our emitter write).
enum RelaxConv2D {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    try RelaxLayout.require(&e, ["data_layout": "NCHW", "kernel_layout": "OIHW", "out_layout": "NCHW"])
    let kernel = Array(try e.shape(e.input(1)).dropFirst(2))
    e.finish("Conv", [e.input(0), e.input(1)], [
      "kernel_shape": .ints(kernel.map { Int64($0) }),
      "strides": .ints(try e.spatial("strides", count: 2).map { Int64($0) }),
      "pads": .ints(try RelaxLayout.pads(e, "padding").map { Int64($0) }),
      "dilations": .ints(try e.spatial("dilation", count: 2).map { Int64($0) }),
      "group": .int(Int64(try e.int("groups"))),
    ])
  }
}
