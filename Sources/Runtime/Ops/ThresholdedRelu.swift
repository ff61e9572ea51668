import ModelGraph

/// `Y = X` where `X > alpha`, else 0, elementwise.
struct ThresholdedRelu: UnaryKernel {
  static let key = OpKey("ThresholdedRelu", since: 10)
  let alpha: Float

  init(node: Node, opset: Int) throws(RuntimeError) { alpha = try node.float("alpha", default: 1) }

  func apply(_ x: Float) -> Float { x > alpha ? x : 0 }
}
