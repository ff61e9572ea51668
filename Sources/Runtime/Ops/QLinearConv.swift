import ModelGraph

/// Quantized convolution: `Y = saturate(round((Conv(x − x_zp, w − w_zp) + B) · x_scale·w_scale /
/// y_scale) + y_zp)`, rounding half to even, in `y_zero_point`'s type; `w_scale`/`w_zp` per
/// tensor or per output channel. Inputs: x, x_scale, x_zero_point, w, w_scale, w_zero_point,
/// y_scale, y_zero_point, B (int32, optional).
struct QLinearConv: Kernel {
  static let key = OpKey("QLinearConv", since: 10)
  static let arity: ClosedRange<Int> = 8...9
  let conv: Conv

  init(node: Node, opset: Int) throws(RuntimeError) { conv = try Conv(node: node, opset: opset) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let acc = try ConvInteger.centeredConv(conv, inputs, x: 0, xZero: 2, w: 3, wZero: 5, bias: 8, context: context)
    let xScale = try inputs.float(1).floats()?.first ?? 1, yScale = try inputs.float(6).floats()?.first ?? 1
    let wScale = try inputs.float(4).floats() ?? [1]
    let zero = try inputs.required(7)
    let range: ClosedRange<Float> = switch zero.dtype {
      case .uint8: 0...255
      case .int8: -128...127
      default: throw .dtype(input: 7, expected: "uint8 or int8", found: zero.dtype)
    }
    let channels = acc.rank > 1 ? acc.shape[1] : 1, inner = acc.shape.dropFirst(2).reduce(1, *)
    guard wScale.count == 1 || wScale.count == channels else { throw .shape(input: 4, expected: "a scalar or [\(channels)]", found: [wScale.count]) }
    let zp = Float(zero.int64s()?.first ?? 0)
    let q = (acc.floats() ?? []).enumerated().map { i, v -> Int64 in
      let scale = xScale * wScale[wScale.count == 1 ? 0 : i / max(inner, 1) % channels] / yScale
      let r = (v * scale).rounded(.toNearestOrEven) + zp
      return r.isNaN ? Int64(zp) : Int64(min(max(r, range.lowerBound), range.upperBound))
    }
    return [Tensor.integers(q, dtype: zero.dtype, shape: acc.shape)]
  }
}
