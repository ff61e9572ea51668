import ModelGraph

/// Permutes axes by `perm` (default: reversed) → `R.permute_dims`.
struct Transpose: RelaxOp {
  static let opType = "Transpose"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    let x = try builder.operand(node, 0)
    var perm = node.ints("perm") ?? []
    if perm.isEmpty { perm = Array((0..<Int64(try builder.shape(node, of: node.inputs[0]).count)).reversed()) }
    builder.bind(node, "R.permute_dims(\(x), axes=\(RelaxSpelling.ints(perm)))")
  }
}
