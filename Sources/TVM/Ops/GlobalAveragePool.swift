import ModelGraph

/// Mean over H and W of NCHW data, kept as `[N, C, 1, 1]` → `R.nn.adaptive_avg_pool2d` to 1×1.
struct GlobalAveragePool: RelaxOp {
  static let opType = "GlobalAveragePool"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    builder.bind(node, "R.nn.adaptive_avg_pool2d(\(try builder.operand(node, 0)), output_size=[1, 1], layout=\"NCHW\")")
  }
}
