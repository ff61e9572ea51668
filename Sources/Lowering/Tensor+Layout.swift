import ModelGraph

/// Weight rearrangements for lowering (float32 and other 4-byte tensors).
extension Tensor {
  /// The tensor with axes reordered: output axis `i` is input axis `perm[i]`. Rank ≤ 4,
  /// 4-byte elements (float32 weights). Walks the output in order, reading the input through
  /// its strides.
  func permuted(_ perm: [Int]) -> Tensor {
    precondition(perm.count == rank && rank <= 4 && dtype.byteSize == 4, "permute needs a 4-byte tensor of rank ≤ 4")
    let pad = 4 - rank
    let inShape = [Int](repeating: 1, count: pad) + shape
    let fullPerm = Array(0..<pad) + perm.map { $0 + pad }
    var inStrides = [Int](repeating: 1, count: 4)
    for i in stride(from: 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * inShape[i + 1] }
    let o = fullPerm.map { inShape[$0] }, st = fullPerm.map { inStrides[$0] }
    let source = bytes
    let storage = ByteStorage(count: elementCount * 4) { out in
      let dst = out.bindMemory(to: UInt32.self)
      var k = 0
      for a in 0..<o[0] {
        for b in 0..<o[1] {
          let base = a * st[0] + b * st[1]
          for c in 0..<o[2] {
            var offset = base + c * st[2]
            for _ in 0..<o[3] {
              dst[k] = source.loadUnaligned(fromByteOffset: offset &* 4, as: UInt32.self)
              k += 1
              offset += st[3]
            }
          }
        }
      }
    }
    // The source is read once: let a mapped file's pages go (peak memory stays near 1× the weights).
    self.storage.releasePages(range)
    return Tensor(dtype: dtype, shape: perm.map { shape[$0] }, storage: storage)
  }

  /// The same bytes with another shape of the same element count.
  func reshaped(_ newShape: [Int]) -> Tensor {
    precondition(newShape.reduce(1, *) == elementCount, "reshape \(shape) to \(newShape)")
    var t = self
    t.shape = newShape
    return t
  }

  /// A float32 tensor of `count` copies of `value`.
  static func filled(_ value: Float, shape: [Int]) -> Tensor {
    Tensor([Float](repeating: value, count: shape.reduce(1, *)), shape: shape)
  }

  /// An int64 vector (shapes, pads, axes).
  static func int64s(_ values: [Int]) -> Tensor {
    Tensor(int64: values.map(Int64.init), shape: [values.count])
  }
}
