import ModelGraph

/// `log_softmax(x)_i = x_i − log Σ_j exp(x_j)` over the input flattened to 2-D at `axis` (opsets 1–12).
struct LogSoftmax1: FloatKernel {
  static let key = OpKey("LogSoftmax", since: 1)
  static let arity = 1...1
  var axis = 1

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: 1) }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try SoftmaxCore.coerced(try inputs.required(0), axis: axis, log: true, context: context)]
  }
}
