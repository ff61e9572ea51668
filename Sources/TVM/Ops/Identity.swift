import ModelGraph

/// `Y = X`: no binding; the output is another name for the input (recorded in `aliases`).
struct Identity: RelaxOp {
  static let opType = "Identity"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    builder.alias(node, to: try builder.operand(node, 0))
  }
}
