/// `Y = X₀ + X₁ + …` over one or more inputs with numpy broadcasting.
struct Sum: VariadicKernel {
  static let key = OpKey("Sum", since: 6)
  func combine(_ a: Float, _ b: Float) -> Float { a + b }
  func combine(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
}
