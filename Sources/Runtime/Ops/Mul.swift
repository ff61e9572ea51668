/// `C = A · B` with numpy broadcasting; integers wrap like numpy.
struct Mul: BinaryBroadcastKernel, AttributeFree {
  static let key = OpKey("Mul", since: 7)
  func apply(_ a: Float, _ b: Float) -> Float { a * b }
  func apply(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
}
