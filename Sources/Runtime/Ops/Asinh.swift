import Foundation

/// `Y = arsinh(X)`, elementwise.
struct Asinh: UnaryKernel, AttributeFree {
  static let key = OpKey("Asinh", since: 9)
  func apply(_ x: Float) -> Float { asinh(x) }
}
