/// The index of the smallest element along `axis` (first on ties unless `select_last_index`).
struct ArgMin: ArgReduceKernel {
  static let key = OpKey("ArgMin", since: 1)
  let axis: Int, keepDims: Bool, selectLast: Bool
  func better(_ a: Float, _ b: Float) -> Bool { a < b }
}
