/// `Y = ⌊X⌋`, elementwise.
struct Floor: UnaryKernel, AttributeFree {
  static let key = OpKey("Floor", since: 6)
  func apply(_ x: Float) -> Float { x.rounded(.down) }
}
