/// `C = (A == B)` with numpy broadcasting, into bool.
struct Equal: ComparisonKernel {
  static let key = OpKey("Equal", since: 7)
  func compare(_ a: Float, _ b: Float) -> Bool { a == b }
  func compare(_ a: Int64, _ b: Int64) -> Bool { a == b }
}
