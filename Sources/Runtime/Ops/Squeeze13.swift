import ModelGraph

/// Removes dimensions of size 1 — those listed in the optional input 1, or all (opset 13 on).
struct Squeeze13: Kernel, AttributeFree {
  static let key = OpKey("Squeeze", since: 13)
  static let arity: ClosedRange<Int> = 1...2

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Squeeze1.squeeze(try inputs.required(0), axes: try inputs.ints(1))]
  }
}
