/// `C = (A ≥ B)` with numpy broadcasting, into bool.
struct GreaterOrEqual: ComparisonKernel {
  static let key = OpKey("GreaterOrEqual", since: 12)
  func compare(_ a: Float, _ b: Float) -> Bool { a >= b }
  func compare(_ a: Int64, _ b: Int64) -> Bool { a >= b }
}
