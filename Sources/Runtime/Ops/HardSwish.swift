/// `Y = X · max(0, min(1, X/6 + 1/2))`, elementwise (MobileNetV3's activation).
struct HardSwish: UnaryKernel, AttributeFree {
  static let key = OpKey("HardSwish", since: 14)
  func apply(_ x: Float) -> Float { x * max(0, min(1, x / 6 + 0.5)) }
}
