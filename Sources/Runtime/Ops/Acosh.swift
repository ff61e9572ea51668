import Foundation

/// `Y = arcosh(X)`, elementwise.
struct Acosh: UnaryKernel, AttributeFree {
  static let key = OpKey("Acosh", since: 9)
  func apply(_ x: Float) -> Float { acosh(x) }
}
