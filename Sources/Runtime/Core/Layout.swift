import ModelGraph

/// Shape arithmetic shared by the kernels: row-major strides and axis normalisation (numpy
/// broadcasting is `Broadcast`).
enum Layout {
  /// Row-major element strides of `shape`.
  static func strides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in shape.indices.reversed() {
      strides[axis] = step
      step *= shape[axis]
    }
    return strides
  }

  /// The element count of a shape taken from user data, or `nil` when a dimension is negative
  /// or the product overflows (which would trap).
  static func count(_ shape: [Int]) -> Int? { Tensor.checkedElementCount(shape) }

  /// `axis` in `[-rank, rank)` mapped to `[0, rank)`, or `nil` when out of range.
  static func axis(_ axis: Int64, rank: Int) -> Int? {
    let a = axis < 0 ? Int(axis) + rank : Int(axis)
    return (0..<rank).contains(a) ? a : nil
  }
}
