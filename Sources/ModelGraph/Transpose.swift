/// Row-major transpose of `values` (shape `shape`) by `perm` (output axis i = input axis perm[i]):
/// the one float transpose that verify's weight checks and diff's layout transforms share (the
/// interpreter's `Transpose` op has its own kernel). Values come back unchanged when the shape
/// and permutation do not fit them.
///
/// ```swift
/// transpose([1, 2, 3, 4, 5, 6], shape: [2, 3], perm: [1, 0])  // [1, 4, 2, 5, 3, 6]
/// ```
public func transpose(_ values: [Float], shape: [Int], perm: [Int]) -> [Float] {
  guard shape.count == perm.count, shape.count > 1, values.count == shape.reduce(1, *) else { return values }
  var out = [Float](repeating: 0, count: values.count)
  var walk = permutedWalk(shape: shape, perm: perm)
  values.withUnsafeBufferPointer { v in
    for o in 0..<values.count {
      out[o] = v[walk.offset]
      walk.advance()
    }
  }
  return out
}

extension Tensor {
  /// The tensor with axes reordered by `perm` (output axis i = input axis perm[i]), for elements
  /// of 4 bytes (float32 weights), through the same walk as `transpose`. The source is read once,
  /// so a mapped file's pages are let go as it goes (peak memory stays near 1× the weights).
  public func permuted(_ perm: [Int]) -> Tensor {
    precondition(perm.count == rank && dtype.byteSize == 4, "permute needs a 4-byte tensor of rank \(perm.count)")
    let source = bytes
    let count = elementCount
    let storage = ByteStorage(count: count * 4) { out in
      let dst = out.bindMemory(to: UInt32.self)
      var walk = permutedWalk(shape: shape, perm: perm)
      for k in 0..<count {
        dst[k] = source.loadUnaligned(fromByteOffset: walk.offset &* 4, as: UInt32.self)
        walk.advance()
      }
    }
    self.storage.releasePages(range)
    return Tensor(dtype: dtype, shape: perm.map { shape[$0] }, storage: storage)
  }
}

/// The walk over the output of a row-major transpose, carrying the offset (in elements) of the
/// input element each output element comes from.
private func permutedWalk(shape: [Int], perm: [Int]) -> StridedWalk {
  var inStrides = [Int](repeating: 1, count: shape.count)
  for i in stride(from: shape.count - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
  return StridedWalk(shape: perm.map { shape[$0] }, strides: perm.map { inStrides[$0] })
}
