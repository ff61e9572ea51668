import ModelGraph

/// `Y = X`: the same tensor, shared rather than copied.
struct Identity: Kernel, AttributeFree {
  static let key = OpKey("Identity", since: 1)
  static let arity: ClosedRange<Int> = 1...1

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try inputs.required(0)]
  }
}
