import Foundation

/// `Y = ln(X)`, elementwise (NaN below zero, -inf at zero).
struct Log: UnaryKernel, AttributeFree {
  static let key = OpKey("Log", since: 6)
  func apply(_ x: Float) -> Float { log(x) }
}
