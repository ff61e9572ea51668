import ModelGraph

/// `Y = max(0, min(1, alpha·X + beta))`, elementwise.
struct HardSigmoid: UnaryKernel {
  static let key = OpKey("HardSigmoid", since: 6)
  let alpha: Float, beta: Float

  init(node: Node, opset: Int) throws(RuntimeError) {
    alpha = try node.float("alpha", default: 0.2)
    beta = try node.float("beta", default: 0.5)
  }

  func apply(_ x: Float) -> Float { max(0, min(1, alpha * x + beta)) }
}
