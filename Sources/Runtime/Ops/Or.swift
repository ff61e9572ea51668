/// `C = A ∨ B` on bools with numpy broadcasting.
struct Or: LogicalKernel {
  static let key = OpKey("Or", since: 7)
  func apply(_ a: Bool, _ b: Bool) -> Bool { a || b }
}
