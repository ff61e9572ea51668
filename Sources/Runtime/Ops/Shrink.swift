import ModelGraph

/// `Y = X + bias` where `X < −lambd`, `X − bias` where `X > lambd`, else 0, elementwise.
struct Shrink: NumericUnaryKernel {
  static let key = OpKey("Shrink", since: 9)
  let bias: Float, lambd: Float

  init(node: Node, opset: Int) throws(RuntimeError) {
    bias = try node.float("bias", default: 0)
    lambd = try node.float("lambd", default: 0.5)
  }

  func apply(_ x: Float) -> Float { x < -lambd ? x + bias : x > lambd ? x - bias : 0 }
  func apply(_ x: Int64) -> Int64 { Int64(apply(Float(x))) }
}
