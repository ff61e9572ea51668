import Foundation
import ModelGraph

/// `Y = max(0, X) + min(0, alpha·(exp(X / alpha) − 1))`, elementwise.
struct Celu: UnaryKernel {
  static let key = OpKey("Celu", since: 12)
  let alpha: Float

  init(node: Node, opset: Int) throws(RuntimeError) { alpha = try node.float("alpha", default: 1) }

  func apply(_ x: Float) -> Float { max(0, x) + min(0, alpha * expm1(x / alpha)) }
}
