/// `Y = ⌈X⌉`, elementwise.
struct Ceil: UnaryKernel, AttributeFree {
  static let key = OpKey("Ceil", since: 6)
  func apply(_ x: Float) -> Float { x.rounded(.up) }
}
