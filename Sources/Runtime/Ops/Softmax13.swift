import ModelGraph

/// `softmax(x)_i = exp(x_i) / Σ_j exp(x_j)` along `axis` alone (opset 13 on).
struct Softmax13: FloatKernel {
  static let key = OpKey("Softmax", since: 13)
  static let arity = 1...1
  var axis = -1

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: -1) }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try SoftmaxCore.alongAxis(try inputs.required(0), axis: axis, log: false, context: context)]
  }
}
