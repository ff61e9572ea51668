import ModelGraph

/// Inserts dimensions of size 1 at the positions listed in input 1 (opset 13 on).
struct Unsqueeze13: Kernel, AttributeFree {
  static let key = OpKey("Unsqueeze", since: 13)
  static let arity: ClosedRange<Int> = 2...2

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Unsqueeze1.unsqueeze(try inputs.required(0), axes: try inputs.requiredInts(1))]
  }
}
