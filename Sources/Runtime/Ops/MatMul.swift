import ModelGraph

/// numpy `matmul`: `[…, M, K] × […, K, N] → […, M, N]`, batch dimensions broadcast, a 1-D
/// operand promoted to a matrix and its unit axis removed. One `cblas_sgemm` per batch; one in
/// all when `B` is a plain matrix, its columns shared among threads.
struct MatMul: FloatKernel, AttributeFree {
  static let key = OpKey("MatMul", since: 1)
  static let arity = 2...2

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let a = try inputs.required(0), b = try inputs.required(1)
    guard a.rank >= 1, b.rank >= 1 else { throw .shape(input: a.rank == 0 ? 0 : 1, expected: "at least 1-D", found: a.rank == 0 ? a.shape : b.shape) }
    let sa = a.rank == 1 ? [1] + a.shape : a.shape, sb = b.rank == 1 ? b.shape + [1] : b.shape
    let (m, k, n) = (sa[sa.count - 2], sa[sa.count - 1], sb[sb.count - 1])
    guard sb[sb.count - 2] == k else { throw .shape(input: 1, expected: "\(k) rows", found: b.shape) }
    let batch = try Broadcast([Array(sa.dropLast(2)), Array(sb.dropLast(2))])
    var shape = batch.shape + [m, n]
    if a.rank == 1 { shape.remove(at: shape.count - 2) }
    if b.rank == 1 { shape.removeLast() }
    let y = a.withFloats { pa in b.withFloats { pb in
      Tensor.float32(shape: shape) { out in
        guard let yp = out.baseAddress, let ap = pa.baseAddress, let bp = pb.baseAddress, k > 0 else {
          out.initialize(repeating: 0); return
        }
        if sb.count == 2 {  // every batch of A against one matrix: one product of [batch·M, K]
          sgemm(m: batch.count * m, n: n, k: k, a: ap, lda: k, b: bp, ldb: n, c: yp, ldc: n, context: context)
          return
        }
        var index = 0
        batch.forEachRow { _, offsets, length in
          for j in 0..<length {
            let oa = (offsets[0] + j * batch.innerStrides[0]) * m * k
            let ob = (offsets[1] + j * batch.innerStrides[1]) * k * n
            sgemm(m: m, n: n, k: k, a: ap + oa, lda: k, b: bp + ob, ldb: n, c: yp + index * m * n, ldc: n)
            index += 1
          }
        }
      }
    } }
    return [y]
  }
}
