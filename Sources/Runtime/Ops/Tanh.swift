import Foundation

/// `Y = tanh(X)`, elementwise.
struct Tanh: UnaryKernel, AttributeFree {
  static let key = OpKey("Tanh", since: 6)
  func apply(_ x: Float) -> Float { tanh(x) }
}
