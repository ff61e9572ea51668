import ModelGraph

/// `Y = X` where `X ≥ 0`, else `alpha·X`, elementwise.
struct LeakyRelu: UnaryKernel {
  static let key = OpKey("LeakyRelu", since: 6)
  let alpha: Float

  init(node: Node, opset: Int) throws(RuntimeError) { alpha = try node.float("alpha", default: 0.01) }

  func apply(_ x: Float) -> Float { Activation.leakyRelu(alpha: alpha).apply(x) }
}
