import Foundation

/// `Y = sin(X)`, elementwise.
struct Sin: UnaryKernel, AttributeFree {
  static let key = OpKey("Sin", since: 7)
  func apply(_ x: Float) -> Float { sin(x) }
}
