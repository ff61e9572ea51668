/// A multi-index over `shape` stepped in row-major order (last axis fastest), carrying the
/// offset of the current index under `strides`: the one odometer that transposes, strided
/// copies and layout conversions share.
///
/// ```swift
/// var walk = StridedWalk(shape: [2, 3], strides: [1, 2])  // a column-major 2×3 read row by row
/// for _ in 0..<6 { print(walk.offset); walk.advance() }   // 0 2 4 1 3 5
/// ```
public struct StridedWalk: Sendable {
  /// The offset of the current index.
  public var offset: Int { current }
  @usableFromInline var current: Int
  @usableFromInline let shape: [Int]
  @usableFromInline let strides: [Int]
  @usableFromInline var index: [Int]

  /// Starts at index 0 of every axis, at `offset`. `shape` and `strides` have the same count.
  public init(shape: [Int], strides: [Int], offset: Int = 0) {
    self.shape = shape
    self.strides = strides
    current = offset
    index = [Int](repeating: 0, count: shape.count)
  }

  /// Starts at the `position`-th index in row-major order (0 is the first), at `offset` plus
  /// that index's offset: for splitting one walk into ranges.
  public init(shape: [Int], strides: [Int], offset: Int = 0, position: Int) {
    self.init(shape: shape, strides: strides, offset: offset)
    var rest = position
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
      index[axis] = rest % shape[axis]
      rest /= shape[axis]
      current += index[axis] * strides[axis]
    }
  }

  /// Steps to the next index; after the last one it wraps to the first (offset back to start).
  @inlinable public mutating func advance() {
    var axis = shape.count - 1
    while axis >= 0 {
      index[axis] += 1
      current += strides[axis]
      if index[axis] < shape[axis] { return }
      current -= strides[axis] * shape[axis]
      index[axis] = 0
      axis -= 1
    }
  }
}
