/// Row-major transpose of `values` (shape `shape`) by `perm` (output axis i = input axis perm[i]):
/// the one float transpose that verify's weight checks and diff's layout transforms share (the
/// interpreter's `Transpose` op has its own kernel). Values come back unchanged when the shape
/// and permutation do not fit them.
///
/// ```swift
/// transpose([1, 2, 3, 4, 5, 6], shape: [2, 3], perm: [1, 0])  // [1, 4, 2, 5, 3, 6]
/// ```
public func transpose(_ values: [Float], shape: [Int], perm: [Int]) -> [Float] {
  let rank = shape.count
  guard rank == perm.count, rank > 1, values.count == shape.reduce(1, *) else { return values }
  var inStrides = [Int](repeating: 1, count: rank)
  for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
  let outShape = perm.map { shape[$0] }
  let stepStrides = perm.map { inStrides[$0] }
  var out = [Float](repeating: 0, count: values.count)
  var walk = StridedWalk(shape: outShape, strides: stepStrides)
  values.withUnsafeBufferPointer { v in
    for o in 0..<values.count {
      out[o] = v[walk.offset]
      walk.advance()
    }
  }
  return out
}
