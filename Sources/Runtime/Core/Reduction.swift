import ModelGraph

/// The layout of a reduction: the input reordered so that the reduced axes come last, which
/// makes every output element the reduction of one contiguous chunk.
struct Reduction {
  /// The input with kept axes first and reduced axes last (no copy when already so).
  let input: Tensor
  /// Elements reduced into each output element (1 for a reduction over no axes).
  let chunk: Int
  /// Shape of the result: reduced axes dropped, or kept as 1 with `keepDims`.
  let shape: [Int]

  /// `axes` must be normalised to `[0, rank)`; duplicates are ignored.
  init(_ x: Tensor, axes: Set<Int>, keepDims: Bool) {
    let kept = x.shape.indices.filter { !axes.contains($0) }
    let reduced = x.shape.indices.filter { axes.contains($0) }
    let order = kept + reduced
    if order == Array(x.shape.indices) {
      input = x
    } else {
      let strides = Layout.strides(x.shape)
      input = x.strided(shape: order.map { x.shape[$0] }, strides: order.map { strides[$0] })
    }
    chunk = reduced.map { x.shape[$0] }.reduce(1, *)
    shape = keepDims ? x.shape.indices.map { axes.contains($0) ? 1 : x.shape[$0] } : kept.map { x.shape[$0] }
  }

  /// `f` of each chunk of `values` (the elements of `input`), in output order.
  func map<T, R>(_ values: UnsafeBufferPointer<T>, _ f: (UnsafeBufferPointer<T>) -> R) -> [R] {
    let count = shape.reduce(1, *)
    return (0..<count).map { i in f(UnsafeBufferPointer(rebasing: values[(i * chunk)..<((i + 1) * chunk)])) }
  }
}
