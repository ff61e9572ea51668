import ModelGraph

/// `C = A / B` with broadcasting → `R.divide`.
struct Div: RelaxOp {
  static let opType = "Div"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try binary("R.divide", node, into: &builder)
  }
}
