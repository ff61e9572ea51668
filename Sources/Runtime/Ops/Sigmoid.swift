import Foundation

/// `Y = 1 / (1 + exp(-X))`, elementwise.
struct Sigmoid: UnaryKernel, AttributeFree {
  static let key = OpKey("Sigmoid", since: 6)
  func apply(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}
