import ModelGraph

/// `Y = A · B` (numpy matmul semantics) → `R.matmul`.
struct MatMul: RelaxOp {
  static let opType = "MatMul"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try binary("R.matmul", node, into: &builder)
  }
}
