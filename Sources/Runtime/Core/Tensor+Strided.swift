import Foundation
import ModelGraph

extension Tensor {
  /// The elements a strided view selects, copied into a new contiguous tensor of `shape`.
  ///
  /// Element `i` of the result (row-major index `(i₀, …, iₖ)`) is element
  /// `offset + Σ iⱼ·strides[j]` of this tensor. Strides may be negative (reversed slices) or zero
  /// (broadcasting), which makes this one copy serve Transpose, Slice, Expand, Tile and every
  /// broadcasting operand. Works for any dtype, strings included.
  func strided(shape: [Int], strides: [Int], offset: Int = 0) -> Tensor {
    let runs = StridedRuns(shape: shape, strides: strides)
    if dtype == .string {
      var out: [[UInt8]] = []
      out.reserveCapacity(runs.count * runs.length)
      runs.forEach(offset: offset) { start, length, stride in
        for k in 0..<length { out.append(strings[start + k * stride]) }
      }
      return Tensor(strings: out, shape: shape)
    }
    let size = dtype.byteSize ?? 1
    let src = bytes
    let storage = ByteStorage(count: shape.reduce(1, *) * size) { dst in
      var at = 0
      runs.forEach(offset: offset) { start, length, stride in
        copy(src, start, stride, dst, at, length, size)
        at += length
      }
    }
    return Tensor(dtype: dtype, shape: shape, storage: storage)
  }

  /// This tensor stretched to `shape` by numpy broadcasting, without a copy when already there.
  func broadcast(to shape: [Int]) -> Tensor {
    guard self.shape != shape else { return self }
    let own = Layout.strides(self.shape)
    let lead = shape.count - rank
    let strides = shape.indices.map { i in
      i < lead || self.shape[i - lead] == 1 ? 0 : own[i - lead]
    }
    return strided(shape: shape, strides: strides)
  }

  /// The same elements with a different shape (same count); bytes are shared, not copied.
  func reshaped(_ shape: [Int]) -> Tensor {
    var copy = self
    copy.shape = shape
    return copy
  }
}

/// Copies `length` elements of `size` bytes from `src` (element `start`, step `stride`) to `dst`
/// (element `at`, contiguous).
private func copy(
  _ src: UnsafeRawBufferPointer, _ start: Int, _ stride: Int,
  _ dst: UnsafeMutableRawBufferPointer, _ at: Int, _ length: Int, _ size: Int
) {
  guard length > 0, let s = src.baseAddress, let d = dst.baseAddress else { return }
  if stride == 1 {
    memcpy(d + at * size, s + start * size, length * size)
    return
  }
  func loop<T>(_: T.Type) {
    let out = d + at * size
    for k in 0..<length {
      out.storeBytes(of: s.loadUnaligned(fromByteOffset: (start + k * stride) * size, as: T.self),
                     toByteOffset: k * size, as: T.self)
    }
  }
  switch size {
  case 1: loop(UInt8.self)
  case 2: loop(UInt16.self)
  case 4: loop(UInt32.self)
  case 8: loop(UInt64.self)
  default:
    for k in 0..<length { memcpy(d + (at + k) * size, s + (start + k * stride) * size, size) }
  }
}

/// The innermost runs of a strided view: dimensions of size 1 dropped and neighbours that are
/// contiguous with each other merged, so that a transpose of blocks copies whole blocks.
struct StridedRuns {
  private var shape: [Int] = []
  private var strides: [Int] = []
  /// Number of runs and the elements in each.
  let count: Int
  let length: Int

  init(shape fullShape: [Int], strides fullStrides: [Int]) {
    for (d, s) in zip(fullShape, fullStrides) where d != 1 {
      if let last = shape.indices.last, strides[last] == s * d {
        shape[last] *= d
        strides[last] = s
      } else {
        shape.append(d)
        strides.append(s)
      }
    }
    let total = fullShape.reduce(1, *)
    length = total == 0 ? 0 : (shape.last ?? 1)
    count = total == 0 ? 0 : total / length
  }

  /// Calls `body(start, length, stride)` for every run, in row-major order.
  func forEach(offset: Int, _ body: (Int, Int, Int) -> Void) {
    guard count > 0 else { return }
    let inner = strides.last ?? 1
    var runs = StridedWalk(shape: Array(shape.dropLast()), strides: Array(strides.dropLast()), offset: offset)
    for _ in 0..<count {
      body(runs.offset, length, inner)
      runs.advance()
    }
  }
}
