import Foundation

/// `Y = cos(X)`, elementwise.
struct Cos: UnaryKernel, AttributeFree {
  static let key = OpKey("Cos", since: 7)
  func apply(_ x: Float) -> Float { cos(x) }
}
