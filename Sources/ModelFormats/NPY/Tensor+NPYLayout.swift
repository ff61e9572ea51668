import ModelGraph
/// The two reorderings .npy data may need on read; both copy into a new storage.
extension Tensor {
  /// The same values with bytes laid out in C (row-major) order, given bytes in Fortran
  /// (column-major) order: element (i0, …, in) sits at Σ ik · (d0 ⋯ dk-1) elements.
  func fromFortranOrder() -> Tensor {
    guard let size = dtype.byteSize, elementCount > 0 else { return self }
    var strides = [size]
    for d in shape.dropLast() { strides.append(strides[strides.count - 1] * d) }
    let source = bytes
    let storage = ByteStorage(count: source.count) { out in
      // The source offset of each row's start, the outer axes stepped like an odometer.
      var rows = StridedWalk(shape: Array(shape.dropLast()), strides: Array(strides.dropLast()))
      let inner = shape[rank - 1], innerStride = strides[rank - 1]
      var written = 0
      while written < out.count {
        for i in 0..<inner {
          let from = source.baseAddress.unsafelyUnwrapped + rows.offset + i * innerStride
          (out.baseAddress.unsafelyUnwrapped + written).copyMemory(from: from, byteCount: size)
          written += size
        }
        rows.advance()
      }
    }
    return Tensor(dtype: dtype, shape: shape, storage: storage)
  }

  /// The same values with every element's bytes reversed (big endian ↔ little endian).
  func byteSwapped() -> Tensor {
    guard let size = dtype.byteSize, size > 1 else { return self }
    let source = bytes
    let storage = ByteStorage(count: source.count) { out in
      for start in stride(from: 0, to: source.count, by: size) {
        for k in 0..<size { out[start + k] = source[start + size - 1 - k] }
      }
    }
    return Tensor(dtype: dtype, shape: shape, storage: storage)
  }
}
