import Foundation
import ModelGraph

/// `Y = gamma·X` where `X > 0`, else `gamma·alpha·(eˣ − 1)`, elementwise.
struct Selu: UnaryKernel {
  static let key = OpKey("Selu", since: 6)
  let alpha: Float, gamma: Float

  init(node: Node, opset: Int) throws(RuntimeError) {
    alpha = try node.float("alpha", default: 1.67326319217681884765625)
    gamma = try node.float("gamma", default: 1.05070102214813232421875)
  }

  func apply(_ x: Float) -> Float { x > 0 ? gamma * x : gamma * alpha * expm1(x) }
}
