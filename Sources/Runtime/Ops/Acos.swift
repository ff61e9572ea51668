import Foundation

/// `Y = arccos(X)`, elementwise.
struct Acos: UnaryKernel, AttributeFree {
  static let key = OpKey("Acos", since: 7)
  func apply(_ x: Float) -> Float { acos(x) }
}
