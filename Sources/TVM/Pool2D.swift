import ModelGraph

/// The arguments MaxPool and AveragePool share: window, strides, pads, dilations, ceil mode.
enum Pool2D {
  static func arguments(_ node: Node, builder: inout RelaxBuilder) throws(TVMError) -> String {
    try node.requireExplicitPads(file: builder.file)
    guard let window = node.ints("kernel_shape"), window.count == 2 else {
      throw .invalidArgument(file: builder.file, node: node.name, op: node.opType, argument: "kernel_shape",
                             expected: "two sizes (2-D pooling)", found: "\(node.ints("kernel_shape") ?? [])")
    }
    let x = try builder.operand(node, 0)
    return "\(x), pool_size=\(RelaxSpelling.ints(window)), strides=\(RelaxSpelling.ints(node.ints("strides") ?? [1, 1])), "
      + "padding=\(RelaxSpelling.ints(node.ints("pads") ?? [0, 0, 0, 0])), "
      + "dilation=\(RelaxSpelling.ints(node.ints("dilations") ?? [1, 1])), "
      + "ceil_mode=\(node.int("ceil_mode", default: 0) != 0 ? "True" : "False"), layout=\"NCHW\""
  }
}
