/// `C = A − B` with numpy broadcasting; integers wrap like numpy.
struct Sub: BinaryBroadcastKernel, AttributeFree {
  static let key = OpKey("Sub", since: 7)
  func apply(_ a: Float, _ b: Float) -> Float { a - b }
  func apply(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
}
