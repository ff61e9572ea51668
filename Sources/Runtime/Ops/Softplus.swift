import Foundation

/// `Y = ln(eˣ + 1)`, elementwise, computed without overflowing for large `X`.
struct Softplus: UnaryKernel, AttributeFree {
  static let key = OpKey("Softplus", since: 1)
  func apply(_ x: Float) -> Float { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }
}
