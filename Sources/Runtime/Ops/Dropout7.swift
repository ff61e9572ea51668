import ModelGraph

/// Inference Dropout with `ratio` as an attribute (opsets 7–11): `Y = X`, and an all-true
/// `mask` when the node names one.
struct Dropout7: Kernel {
  static let key = OpKey("Dropout", since: 7)
  static let arity: ClosedRange<Int> = 1...1
  let wantsMask: Bool

  init(node: Node, opset: Int) throws(RuntimeError) { wantsMask = node.hasOutput(1) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    return wantsMask ? [x, Tensor.bools(Array(repeating: true, count: x.elementCount), shape: x.shape)] : [x]
  }
}
