import ModelGraph

/// `Y = alpha · A' · B' + beta · C` (primes: optional transposes) → `R.permute_dims` of the
/// transposed operands, `R.matmul`, `R.multiply` by alpha and beta when not 1, `R.add` of C.
struct Gemm: RelaxOp {
  static let opType = "Gemm"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    var a = try builder.operand(node, 0), b = try builder.operand(node, 1)
    if node.int("transA", default: 0) != 0 { a = builder.step(node, "a_t", "R.permute_dims(\(a), axes=[1, 0])") }
    if node.int("transB", default: 0) != 0 { b = builder.step(node, "b_t", "R.permute_dims(\(b), axes=[1, 0])") }
    let alpha = node.float("alpha", default: 1), beta = node.float("beta", default: 1)
    let hasC = node.inputs.count > 2 && !node.inputs[2].isEmpty
    var product = "R.matmul(\(a), \(b))"
    if alpha != 1 {
      product = "R.multiply(\(builder.step(node, "matmul", product)), "
        + "R.const(\(try builder.float(node, "alpha", alpha)), \"float32\"))"
    }
    guard hasC else { return builder.bind(node, product) }
    var c = try builder.operand(node, 2)
    if beta != 1 {
      c = builder.step(node, "c_scaled", "R.multiply(\(c), R.const(\(try builder.float(node, "beta", beta)), \"float32\"))")
    }
    builder.bind(node, "R.add(\(builder.step(node, "product", product)), \(c))")
  }
}
