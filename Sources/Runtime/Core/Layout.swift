import ModelGraph

/// Shape arithmetic shared by the kernels: row-major strides, axis normalisation and numpy
/// broadcasting.
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

  /// The numpy broadcast of `shapes` (right-aligned; a dimension of 1 stretches), or `nil`
  /// when two dimensions differ and neither is 1.
  static func broadcast(_ shapes: [[Int]]) -> [Int]? {
    let rank = shapes.map(\.count).max() ?? 0
    var result = [Int](repeating: 1, count: rank)
    for shape in shapes {
      for (i, d) in shape.enumerated() {
        let r = rank - shape.count + i
        if result[r] == 1 {
          result[r] = d
        } else if d != 1 && d != result[r] {
          return nil
        }
      }
    }
    return result
  }
}
