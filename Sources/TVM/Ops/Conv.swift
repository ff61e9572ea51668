import ModelGraph

/// 2-D convolution, NCHW data and OIHW weights, explicit pads `[top, left, bottom, right]`
/// (the order ONNX and Relax share) → `R.nn.conv2d`, then `R.add` of the bias as `[1, C, 1, 1]`.
struct Conv: RelaxOp {
  static let opType = "Conv"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try node.requireExplicitPads(file: builder.file)
    let weight = try builder.shape(node, of: node.inputs[1])
    guard weight.count == 4 else {
      throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "W",
                             expected: "a 4-D (2-D convolution) weight", found: "shape \(weight)")
    }
    let x = try builder.operand(node, 0), w = try builder.operand(node, 1)
    let conv = "R.nn.conv2d(\(x), \(w), strides=\(RelaxSpelling.ints(node.ints("strides") ?? [1, 1])), "
      + "padding=\(RelaxSpelling.ints(node.ints("pads") ?? [0, 0, 0, 0])), "
      + "dilation=\(RelaxSpelling.ints(node.ints("dilations") ?? [1, 1])), groups=\(node.int("group", default: 1)), "
      + "data_layout=\"NCHW\", kernel_layout=\"OIHW\")"
    guard node.inputs.count > 2, !node.inputs[2].isEmpty else { return builder.bind(node, conv) }
    let convolved = builder.step(node, "conv", conv)
    let bias = builder.step(node, "bias", "R.reshape(\(try builder.operand(node, 2)), R.shape([1, \(weight[0]), 1, 1]))")
    builder.bind(node, "R.add(\(convolved), \(bias))")
  }
}
