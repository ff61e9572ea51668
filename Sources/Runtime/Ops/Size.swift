import ModelGraph

/// The number of elements of `X` as an int64 scalar.
struct Size: Kernel, AttributeFree {
  static let key = OpKey("Size", since: 1)
  static let arity: ClosedRange<Int> = 1...1

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [Tensor(int64: [Int64(try inputs.required(0).elementCount)], shape: [])]
  }
}
