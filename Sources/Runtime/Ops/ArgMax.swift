/// The index of the largest element along `axis` (first on ties unless `select_last_index`).
struct ArgMax: ArgReduceKernel {
  static let key = OpKey("ArgMax", since: 1)
  let axis: Int, keepDims: Bool, selectLast: Bool
  func better(_ a: Float, _ b: Float) -> Bool { a > b }
}
