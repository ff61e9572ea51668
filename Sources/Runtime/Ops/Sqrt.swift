/// `Y = √X`, elementwise (NaN below zero).
struct Sqrt: UnaryKernel, AttributeFree {
  static let key = OpKey("Sqrt", since: 6)
  func apply(_ x: Float) -> Float { x.squareRoot() }
}
