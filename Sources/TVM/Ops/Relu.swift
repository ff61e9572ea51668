import ModelGraph

/// `Y = max(X, 0)` → `R.nn.relu`.
struct Relu: RelaxOp {
  static let opType = "Relu"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try unary("R.nn.relu", node, into: &builder)
  }
}
