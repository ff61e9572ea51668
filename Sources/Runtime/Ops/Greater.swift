/// `C = (A > B)` with numpy broadcasting, into bool.
struct Greater: ComparisonKernel {
  static let key = OpKey("Greater", since: 7)
  func compare(_ a: Float, _ b: Float) -> Bool { a > b }
  func compare(_ a: Int64, _ b: Int64) -> Bool { a > b }
}
