import Foundation

/// `Y = erf(X)`, the Gauss error function, elementwise.
struct Erf: UnaryKernel, AttributeFree {
  static let key = OpKey("Erf", since: 9)
  func apply(_ x: Float) -> Float { erf(x) }
}
