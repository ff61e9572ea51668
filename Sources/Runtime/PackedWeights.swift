import Foundation
import ModelGraph

/// A weight tensor's packed form, made on first use and kept while the same tensor (the
/// interpreter's initializer) comes back; a different tensor replaces it.
final class PackedWeights: @unchecked Sendable {
  private let lock = NSLock()
  private var source: (storage: ByteStorage, range: Range<Int>)?
  private var packed: [VectorKernels.PackedMatrix] = []

  /// `groups` matrices of `rows × depth` floats, one after another in `w`.
  func matrices(for w: Tensor, groups: Int, rows: Int, depth: Int) -> [VectorKernels.PackedMatrix] {
    lock.lock()
    defer { lock.unlock() }
    if let source, source.storage === w.storage, source.range == w.range, packed.count == groups {
      return packed
    }
    packed = w.withFloats { ws in
      guard let base = ws.baseAddress else { return [] }
      return (0..<groups).map { g in VectorKernels.PackedMatrix(base + g * rows * depth, lda: depth, rows: rows, depth: depth) }
    }
    source = (w.storage, w.range)
    return packed
  }
}
