/// `Y = 1 / X`, elementwise.
struct Reciprocal: UnaryKernel, AttributeFree {
  static let key = OpKey("Reciprocal", since: 6)
  func apply(_ x: Float) -> Float { 1 / x }
}
