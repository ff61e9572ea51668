import ModelGraph

/// `Y = X < 0 ? alpha·X : X` (alpha 0.01) → `R.nn.leakyrelu`.
struct LeakyRelu: RelaxOp {
  static let opType = "LeakyRelu"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    let alpha = try builder.float(node, "alpha", node.float("alpha", default: 0.01))
    builder.bind(node, "R.nn.leakyrelu(\(try builder.operand(node, 0)), alpha=\(alpha))")
  }
}
