import ModelGraph

/// `Y = min(max(X, min), max)` with the bounds as attributes (opsets 6–10).
struct Clip6: UnaryKernel {
  static let key = OpKey("Clip", since: 6)
  let low: Float, high: Float

  init(node: Node, opset: Int) throws(RuntimeError) {
    low = try node.float("min", default: -.greatestFiniteMagnitude)
    high = try node.float("max", default: .greatestFiniteMagnitude)
  }

  func apply(_ x: Float) -> Float { Activation.clip(low: low, high: high).apply(x) }
}
