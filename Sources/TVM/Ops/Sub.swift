import ModelGraph

/// `C = A - B` with broadcasting → `R.subtract`.
struct Sub: RelaxOp {
  static let opType = "Sub"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try binary("R.subtract", node, into: &builder)
  }
}
