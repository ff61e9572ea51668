import ModelGraph

/// `C = A + B` with broadcasting → `R.add`.
struct Add: RelaxOp {
  static let opType = "Add"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try binary("R.add", node, into: &builder)
  }
}
