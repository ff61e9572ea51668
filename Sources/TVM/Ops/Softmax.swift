import ModelGraph

/// `exp(x) / sum(exp(x))` along `axis` (opset 13 semantics, default -1) → `R.nn.softmax`.
struct Softmax: RelaxOp {
  static let opType = "Softmax"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    builder.bind(node, "R.nn.softmax(\(try builder.operand(node, 0)), axis=\(node.int("axis", default: -1)))")
  }
}
