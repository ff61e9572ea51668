import Foundation

/// `Y = arcsin(X)`, elementwise.
struct Asin: UnaryKernel, AttributeFree {
  static let key = OpKey("Asin", since: 7)
  func apply(_ x: Float) -> Float { asin(x) }
}
