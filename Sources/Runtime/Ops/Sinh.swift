import Foundation

/// `Y = sinh(X)`, elementwise.
struct Sinh: UnaryKernel, AttributeFree {
  static let key = OpKey("Sinh", since: 9)
  func apply(_ x: Float) -> Float { sinh(x) }
}
