import ModelGraph

/// `Y = isnan(X)` into bool, elementwise.
struct IsNaN: Kernel, AttributeFree {
  static let key = OpKey("IsNaN", since: 9)
  static let arity: ClosedRange<Int> = 1...1

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.isFloat else { throw .dtype(input: 0, expected: "a float tensor", found: x.dtype) }
    return [Tensor.bools((x.floats() ?? []).map(\.isNaN), shape: x.shape)]
  }
}
