/// `C = A / B` with numpy broadcasting. Integer division truncates toward zero (as the
/// reference's `np.divide(…).astype(int)`); dividing an integer by zero gives 0 rather than a trap.
struct Div: BinaryBroadcastKernel, AttributeFree {
  static let key = OpKey("Div", since: 7)
  func apply(_ a: Float, _ b: Float) -> Float { a / b }
  func apply(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? 0 : a.dividedReportingOverflow(by: b).partialValue }
}
