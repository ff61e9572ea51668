import ModelGraph

/// Splits `X` along `axis` into the node's outputs, sized by input 1 or equally (opset 13 on).
struct Split13: Kernel {
  static let key = OpKey("Split", since: 13)
  static let arity: ClosedRange<Int> = 1...2
  let axis: Int, outputs: Int

  init(node: Node, opset: Int) throws(RuntimeError) {
    axis = try node.int("axis", default: 0)
    outputs = node.outputs.count
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try Split2.split(try inputs.required(0), axis: axis, sizes: try inputs.ints(1), outputs: outputs)
  }
}
