import ModelGraph

/// Arithmetic on dimensions and axes read from a model file: `nil` on overflow, division by
/// zero or an axis outside the shape, so shape inference leaves a shape unknown instead of
/// trapping.
enum CheckedDims {
  static func add(_ values: Int...) -> Int? {
    var total = 0
    for v in values {
      let (sum, overflow) = total.addingReportingOverflow(v)
      guard !overflow else { return nil }
      total = sum
    }
    return total
  }

  static func multiply(_ a: Int, _ b: Int) -> Int? {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : product
  }

  /// `a / b` rounded down (`ceil`: up) for `a ≥ 0`, `b > 0`.
  static func divide(_ a: Int, _ b: Int, ceil: Bool = false) -> Int? {
    guard b > 0, a >= 0 else { return nil }
    return ceil ? a / b + (a % b == 0 ? 0 : 1) : a / b
  }

  static func product<C: Collection<Int>>(_ dims: C) -> Int? { Tensor.checkedElementCount(dims) }

  /// `axis` in `[-rank, rank)` (`[-rank, rank]` when `inclusive`) mapped to `[0, rank)`.
  static func axis(_ axis: Int, rank: Int, inclusive: Bool = false) -> Int? {
    let bound = inclusive ? rank + 1 : rank
    guard axis >= -bound, axis < bound else { return nil }
    return axis < 0 ? axis + bound : axis
  }
}
