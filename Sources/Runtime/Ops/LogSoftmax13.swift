import ModelGraph

/// `log_softmax(x)_i = x_i − log Σ_j exp(x_j)` along `axis` alone (opset 13 on).
struct LogSoftmax13: FloatKernel {
  static let key = OpKey("LogSoftmax", since: 13)
  static let arity = 1...1
  var axis = -1

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: -1) }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try SoftmaxCore.alongAxis(try inputs.required(0), axis: axis, log: true, context: context)]
  }
}
