/// `Y = max(X, 0)`, elementwise.
struct Relu: UnaryKernel, AttributeFree {
  static let key = OpKey("Relu", since: 6)
  func apply(_ x: Float) -> Float { Activation.relu.apply(x) }
}
