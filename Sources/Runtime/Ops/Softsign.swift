/// `Y = X / (1 + |X|)`, elementwise.
struct Softsign: UnaryKernel, AttributeFree {
  static let key = OpKey("Softsign", since: 1)
  func apply(_ x: Float) -> Float { x / (1 + abs(x)) }
}
