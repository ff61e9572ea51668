import CBLAS

/// The OpenBLAS boundary: the only file importing `CBLAS`.

/// `C[m×n] = alpha · op(A) · op(B) + beta · C`, row-major, float32. A single row (batch-1
/// dense layers) is a matrix–vector product: `sgemm` would copy all of `B` into its panels.
func sgemm(
  transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
  c: UnsafeMutablePointer<Float>, ldc: Int
) {
  if m == 1 {
    // c = op(B)ᵀ · a: B stored k×n (transB false) is transposed, n×k (transB true) is not.
    let (rows, cols) = transB ? (n, k) : (k, n)
    cblas_sgemv(CblasRowMajor, transB ? CblasNoTrans : CblasTrans, Int32(rows), Int32(cols), alpha, b, Int32(ldb),
                a, transA ? Int32(lda) : 1, beta, c, 1)
    return
  }
  cblas_sgemm(
    CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// `sgemm` shared among `context`'s threads: the columns of C are cut into blocks of 256 whose
/// bounds depend only on `n`, never on the thread count, and each block is one `sgemm` call on
/// one thread, so the result is bit-identical across thread counts (OpenBLAS's own threading
/// picks its kernels by thread count, which is why the interpreter keeps it at one).
func sgemm(
  transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
  c: UnsafeMutablePointer<Float>, ldc: Int, context: KernelContext
) {
  let block = 256, blocks = (n + block - 1) / block
  context.parallelFor(blocks, minimumChunk: 1) { range in
    for i in range {
      let cols = (i * block)..<min(n, (i + 1) * block)
      // Columns of op(B): columns of B, or rows of B when it is transposed.
      let bBlock = b + (transB ? cols.lowerBound * ldb : cols.lowerBound)
      sgemm(transA: transA, transB: transB, m: m, n: cols.count, k: k, alpha: alpha, a: a, lda: lda, b: bBlock,
            ldb: ldb, beta: beta, c: c + cols.lowerBound, ldc: ldc)
    }
  }
}

/// Sets OpenBLAS's thread count (process-wide) when it differs.
func setBLASThreads(_ n: Int) {
  if openblas_get_num_threads() != Int32(n) { openblas_set_num_threads(Int32(n)) }
}
