import Foundation
import ModelGraph

/// `Y = X` where `X ≥ 0`, else `alpha·(eˣ − 1)`, elementwise.
struct Elu: UnaryKernel {
  static let key = OpKey("Elu", since: 6)
  let alpha: Float

  init(node: Node, opset: Int) throws(RuntimeError) { alpha = try node.float("alpha", default: 1) }

  func apply(_ x: Float) -> Float { x >= 0 ? x : alpha * expm1(x) }
}
