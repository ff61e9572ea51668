/// `Y = min(X₀, X₁, …)` elementwise over one or more inputs with numpy broadcasting.
struct Min: VariadicKernel {
  static let key = OpKey("Min", since: 6)
  func combine(_ a: Float, _ b: Float) -> Float { a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
  func combine(_ a: Int64, _ b: Int64) -> Int64 { Swift.min(a, b) }
}
