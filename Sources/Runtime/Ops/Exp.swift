import Foundation

/// `Y = eˣ`, elementwise.
struct Exp: UnaryKernel, AttributeFree {
  static let key = OpKey("Exp", since: 6)
  func apply(_ x: Float) -> Float { exp(x) }
}
