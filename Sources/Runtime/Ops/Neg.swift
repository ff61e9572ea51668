/// `Y = −X`, elementwise, floats and signed integers.
struct Neg: NumericUnaryKernel, AttributeFree {
  static let key = OpKey("Neg", since: 6)
  func apply(_ x: Float) -> Float { -x }
  func apply(_ x: Int64) -> Int64 { 0 &- x }
}
