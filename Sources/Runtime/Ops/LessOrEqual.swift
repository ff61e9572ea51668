/// `C = (A ≤ B)` with numpy broadcasting, into bool.
struct LessOrEqual: ComparisonKernel {
  static let key = OpKey("LessOrEqual", since: 12)
  func compare(_ a: Float, _ b: Float) -> Bool { a <= b }
  func compare(_ a: Int64, _ b: Int64) -> Bool { a <= b }
}
