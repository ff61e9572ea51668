import Foundation

/// `Y = artanh(X)`, elementwise.
struct Atanh: UnaryKernel, AttributeFree {
  static let key = OpKey("Atanh", since: 9)
  func apply(_ x: Float) -> Float { atanh(x) }
}
