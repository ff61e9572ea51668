import ModelGraph

/// Pads `X` with the `pads` and `value` attributes (opsets 2–10); see `Pad11`.
struct Pad2: Kernel {
  static let key = OpKey("Pad", since: 2)
  static let arity: ClosedRange<Int> = 1...1
  let mode: String, pads: [Int], value: Float

  init(node: Node, opset: Int) throws(RuntimeError) {
    mode = try node.string("mode", default: "constant")
    pads = try node.requiredInts("pads")
    value = try node.float("value", default: 0)
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    let fill = Tensor([value], shape: []).cast(to: x.dtype) ?? Tensor.numbers([0], dtype: x.dtype, shape: [])
    return [try Pad11.pad(x, pads: pads, mode: mode, value: fill)]
  }
}
