import ModelGraph

/// `X` broadcast against the shape in input 1 (numpy rules in both directions: the output
/// shape is the broadcast of the two).
struct Expand: Kernel, AttributeFree {
  static let key = OpKey("Expand", since: 8)
  static let arity: ClosedRange<Int> = 2...2

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    let shape = try inputs.requiredInts(1)
    guard Layout.count(shape) != nil else { throw .shape(input: 1, expected: "non-negative dimensions of a representable size", found: shape) }
    let plan = try Broadcast([x.shape, shape])
    return [x.broadcast(to: plan.shape)]
  }
}
