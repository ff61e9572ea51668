/// `C = A ⊕ B` on bools with numpy broadcasting.
struct Xor: LogicalKernel {
  static let key = OpKey("Xor", since: 7)
  func apply(_ a: Bool, _ b: Bool) -> Bool { a != b }
}
