import ModelGraph

/// `Y = tanh(X)` → `R.tanh`.
struct Tanh: RelaxOp {
  static let opType = "Tanh"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try unary("R.tanh", node, into: &builder)
  }
}
