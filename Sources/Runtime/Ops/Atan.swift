import Foundation

/// `Y = arctan(X)`, elementwise.
struct Atan: UnaryKernel, AttributeFree {
  static let key = OpKey("Atan", since: 7)
  func apply(_ x: Float) -> Float { atan(x) }
}
