import ModelGraph

/// Opset 10 Resize: inputs X and scales, `asymmetric` coordinates, nearest rounds down.
struct Resize10: FloatKernel {
  static let key = OpKey("Resize", since: 10)
  static let arity = 2...2
  var resize: Resize11

  init(node: Node, opset: Int) throws(RuntimeError) {
    resize = try Resize11(node: node, opset: opset)
    resize.coordinates = "asymmetric"
    resize.nearest = "floor"
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try resize.compute([inputs[0], nil, inputs[1], nil], context: context)
  }
}
