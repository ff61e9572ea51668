/// `Y = X` where `X ≥ 0`, else `slope·X`; `slope` broadcasts to `X` (numpy rules).
struct PRelu: BinaryBroadcastKernel, AttributeFree {
  static let key = OpKey("PRelu", since: 7)
  func apply(_ x: Float, _ slope: Float) -> Float { x >= 0 ? x : slope * x }
  func apply(_ x: Int64, _ slope: Int64) -> Int64 { x >= 0 ? x : slope &* x }
}
