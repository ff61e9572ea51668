import Foundation

/// `Y = cosh(X)`, elementwise.
struct Cosh: UnaryKernel, AttributeFree {
  static let key = OpKey("Cosh", since: 9)
  func apply(_ x: Float) -> Float { cosh(x) }
}
