import ModelGraph

/// 2-D average pooling; `count_include_pad` decides whether padded cells count in the divisor
/// → `R.nn.avg_pool2d`.
struct AveragePool: RelaxOp {
  static let opType = "AveragePool"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    let includePad = node.int("count_include_pad", default: 0) != 0 ? "True" : "False"
    builder.bind(node, "R.nn.avg_pool2d(\(try Pool2D.arguments(node, builder: &builder)), count_include_pad=\(includePad))")
  }
}
