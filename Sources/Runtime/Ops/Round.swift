/// `Y = round(X)`, halves to even (as numpy), elementwise.
struct Round: UnaryKernel, AttributeFree {
  static let key = OpKey("Round", since: 11)
  func apply(_ x: Float) -> Float { x.rounded(.toNearestOrEven) }
}
