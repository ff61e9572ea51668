/// `Y = −1, 0 or 1` as `X` is negative, zero or positive, elementwise (NaN stays NaN).
struct Sign: NumericUnaryKernel, AttributeFree {
  static let key = OpKey("Sign", since: 9)
  func apply(_ x: Float) -> Float { x > 0 ? 1 : x < 0 ? -1 : x }
  func apply(_ x: Int64) -> Int64 { x.signum() }
}
