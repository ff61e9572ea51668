/// `C = A ∧ B` on bools with numpy broadcasting.
struct And: LogicalKernel {
  static let key = OpKey("And", since: 7)
  func apply(_ a: Bool, _ b: Bool) -> Bool { a && b }
}
