/// `Y = |X|`, elementwise, floats and integers.
struct Abs: NumericUnaryKernel, AttributeFree {
  static let key = OpKey("Abs", since: 6)
  func apply(_ x: Float) -> Float { abs(x) }
  func apply(_ x: Int64) -> Int64 { x < 0 ? 0 &- x : x }
}
