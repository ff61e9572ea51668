import ModelGraph

/// `C = A * B` with broadcasting → `R.multiply`.
struct Mul: RelaxOp {
  static let opType = "Mul"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try binary("R.multiply", node, into: &builder)
  }
}
