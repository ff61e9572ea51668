import ModelGraph

/// Weight rearrangements for lowering (float32 and other 4-byte tensors).
extension Tensor {
  /// The tensor with axes reordered: output axis `i` is input axis `perm[i]`.
  func permuted(_ perm: [Int]) -> Tensor {
    precondition(perm.count == rank && dtype.byteSize == 4, "permute needs a 4-byte tensor of rank \(perm.count)")
    let outShape = perm.map { shape[$0] }
    var inStrides = [Int](repeating: 1, count: rank)
    for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
    let strides = perm.map { inStrides[$0] }
    let count = elementCount
    let source = bytes
    let storage = ByteStorage(count: count * 4) { out in
      let dst = out.bindMemory(to: UInt32.self)
      var index = [Int](repeating: 0, count: outShape.count)
      var offset = 0
      for o in 0..<count {
        dst[o] = source.loadUnaligned(fromByteOffset: offset * 4, as: UInt32.self)
        var d = outShape.count - 1
        while d >= 0 {
          index[d] += 1
          offset += strides[d]
          if index[d] < outShape[d] { break }
          offset -= strides[d] * outShape[d]
          index[d] = 0
          d -= 1
        }
      }
    }
    return Tensor(dtype: dtype, shape: outShape, storage: storage)
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
