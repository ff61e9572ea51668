import ModelGraph

/// `X[starts:ends]` along `axes`, all three as attributes, step 1 (opsets 1–9).
struct Slice1: Kernel {
  static let key = OpKey("Slice", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let starts: [Int], ends: [Int], axes: [Int]?

  init(node: Node, opset: Int) throws(RuntimeError) {
    starts = try node.requiredInts("starts")
    ends = try node.requiredInts("ends")
    axes = try node.ints("axes")
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Slice10.slice(try inputs.required(0), starts: starts, ends: ends, axes: axes, steps: nil)]
  }
}
