import ModelGraph

/// `Y = ¬X` on bools, elementwise.
struct Not: Kernel, AttributeFree {
  static let key = OpKey("Not", since: 1)
  static let arity: ClosedRange<Int> = 1...1

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.dtype == .bool else { throw .dtype(input: 0, expected: "bool", found: x.dtype) }
    return [Tensor.bools(x.truthValues().map { !$0 }, shape: x.shape)]
  }
}
