import ModelGraph

/// `Y = (X − x_zero_point) · x_scale` in float32. Scale and zero point are scalars, or
/// (opset 13) 1-D along `axis`.
struct DequantizeLinear: Kernel {
  static let key = OpKey("DequantizeLinear", since: 10)
  static let arity: ClosedRange<Int> = 2...3
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: 1) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.dtype.computeClass == .integer else { throw .dtype(input: 0, expected: "int8, uint8 or int32", found: x.dtype) }
    let (scale, zero) = try Self.parameters(inputs, x: x, axis: axis)
    let values = x.withInt64s { q in (0..<q.count).map { i in Float(q[i] - zero(i)) * scale(i) } }
    return [Tensor(values, shape: x.shape)]
  }

  /// The scale (input 1) and zero point (input 2, default 0) for flat element `i` of `x`:
  /// one value for all, or one per index along `axis`.
  static func parameters(_ inputs: [Tensor?], x: Tensor, axis: Int) throws(RuntimeError)
    -> (scale: (Int) -> Float, zero: (Int) -> Int64)
  {
    let scales = try inputs.float(1).floats() ?? []
    let zeros = inputs.optional(2)?.int64s() ?? [0]
    let perAxis = scales.count > 1 || zeros.count > 1
    var inner = 1, d = 1
    if perAxis {
      guard let a = Layout.axis(Int64(axis), rank: x.rank) else {
        throw .attribute(name: "axis", expected: "an axis in [-\(x.rank), \(x.rank))", found: "\(axis)")
      }
      d = x.shape[a]
      inner = x.shape[(a + 1)...].reduce(1, *)
    }
    for (i, count) in [(1, scales.count), (2, zeros.count)] where count != 1 && count != d {
      throw .shape(input: i, expected: perAxis ? "a scalar or [\(d)]" : "a scalar", found: [count])
    }
    let s = scales, z = zeros
    return ({ i in s.count == 1 ? s[0] : s[i / inner % d] }, { i in z.count == 1 ? z[0] : z[i / inner % d] })
  }
}
