import ModelGraph

/// The `k` largest elements along `axis` with `k` as an attribute (opsets 1–9); see `TopK10`.
struct TopK1: Kernel {
  static let key = OpKey("TopK", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let axis: Int, k: Int

  init(node: Node, opset: Int) throws(RuntimeError) {
    axis = try node.int("axis", default: -1)
    guard let k = try node.int("k") else { throw .attribute(name: "k", expected: "an int", found: "absent") }
    self.k = k
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try TopK10.topK(try inputs.required(0), k: k, axis: axis, largest: true)
  }
}
