/// `Y = max(X₀, X₁, …)` elementwise over one or more inputs with numpy broadcasting.
struct Max: VariadicKernel {
  static let key = OpKey("Max", since: 6)
  func combine(_ a: Float, _ b: Float) -> Float { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
  func combine(_ a: Int64, _ b: Int64) -> Int64 { Swift.max(a, b) }
}
