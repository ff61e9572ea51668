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

/// Sets OpenBLAS's thread count (process-wide) when it differs.
func setBLASThreads(_ n: Int) {
  if openblas_get_num_threads() != Int32(n) { openblas_set_num_threads(Int32(n)) }
}
