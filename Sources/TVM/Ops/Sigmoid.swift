import ModelGraph

/// `Y = 1 / (1 + exp(-X))` → `R.sigmoid`.
struct Sigmoid: RelaxOp {
  static let opType = "Sigmoid"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try unary("R.sigmoid", node, into: &builder)
  }
}
