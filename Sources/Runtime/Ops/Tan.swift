import Foundation

/// `Y = tan(X)`, elementwise.
struct Tan: UnaryKernel, AttributeFree {
  static let key = OpKey("Tan", since: 7)
  func apply(_ x: Float) -> Float { tan(x) }
}
