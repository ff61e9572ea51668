/// `Y = (X₀ + X₁ + …) / n` over `n ≥ 1` inputs with numpy broadcasting.
struct Mean: VariadicKernel {
  static let key = OpKey("Mean", since: 6)
  func combine(_ a: Float, _ b: Float) -> Float { a + b }
  func combine(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
  func finish(_ x: Float, count: Int) -> Float { x / Float(count) }
}
