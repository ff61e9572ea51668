import ModelGraph

/// The deprecated name of `ScatterElements` without reduction (opsets 9–10).
struct Scatter: Kernel {
  static let key = OpKey("Scatter", since: 9)
  static let arity: ClosedRange<Int> = 3...3
  let elements: ScatterElements

  init(node: Node, opset: Int) throws(RuntimeError) { elements = try ScatterElements(node: node, opset: opset) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try elements.run(inputs, context: context)
  }
}
