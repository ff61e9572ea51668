import ModelGraph

/// `Y = alpha · op(A) · op(B) + beta · C`, `op` transposing when `transA`/`transB` is set;
/// `C` broadcasts to `[M, N]`. On `cblas_sgemm`.
struct Gemm: FloatKernel {
  static let key = OpKey("Gemm", since: 7)
  static let arity = 2...3
  var alpha: Float = 1, beta: Float = 1
  var transA = false, transB = false

  init(node: Node, opset: Int) throws(RuntimeError) {
    alpha = try node.float("alpha", default: 1)
    beta = try node.float("beta", default: 1)
    transA = try node.int("transA", default: 0) != 0
    transB = try node.int("transB", default: 0) != 0
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let a = try inputs.required(0), b = try inputs.required(1), c = inputs.optional(2)
    guard a.rank == 2 else { throw .shape(input: 0, expected: "a matrix", found: a.shape) }
    guard b.rank == 2 else { throw .shape(input: 1, expected: "a matrix", found: b.shape) }
    let (m, k) = transA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (kb, n) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == kb else { throw .shape(input: 1, expected: "\(k) rows in op(B)", found: b.shape) }
    var bias: Tensor? = nil
    if let c, beta != 0 {
      let plan = try Broadcast([[m, n], c.shape])
      guard plan.shape == [m, n] else { throw .shape(input: 2, expected: "broadcastable to [\(m), \(n)]", found: c.shape) }
      bias = c
    }
    let y = a.withFloats { pa in
      b.withFloats { pb in
        Tensor.float32(shape: [m, n]) { py in
          guard let out = py.baseAddress else { return }
          if let bias { Self.fill(out, m: m, n: n, with: bias, scale: beta) }
          guard k > 0, let ap = pa.baseAddress, let bp = pb.baseAddress else {
            if bias == nil { py.initialize(repeating: 0) }
            return
          }
          sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                a: ap, lda: a.shape[1], b: bp, ldb: b.shape[1], beta: bias == nil ? 0 : 1,
                c: out, ldc: n, context: context)
        }
      }
    }
    return [y]
  }

  /// Writes `scale · C` broadcast to `[m, n]` into `out`.
  static func fill(_ out: UnsafeMutablePointer<Float>, m: Int, n: Int, with c: Tensor, scale: Float) {
    let shape = [Int](repeating: 1, count: 2 - min(2, c.rank)) + c.shape.suffix(2)
    c.withFloats { pc in
      for i in 0..<m {
        for j in 0..<n {
          out[i * n + j] = scale * pc[(shape[0] == 1 ? 0 : i) * shape[1] + (shape[1] == 1 ? 0 : j)]
        }
      }
    }
  }
}
