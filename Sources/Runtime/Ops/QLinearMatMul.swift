import ModelGraph

/// Quantized matrix product: `Y = saturate(round((A − a_zp)·(B − b_zp) · a_scale·b_scale /
/// y_scale) + y_zp)`, rounding half to even, in `y_zero_point`'s type (uint8 or int8).
/// Inputs: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point.
struct QLinearMatMul: Kernel, AttributeFree {
  static let key = OpKey("QLinearMatMul", since: 10)
  static let arity: ClosedRange<Int> = 8...8

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let (values, shape) = try MatMulInteger.product(inputs, a: 0, b: 3, zeroA: 2, zeroB: 5)
    let scales = try [1, 4, 6].map { i throws(RuntimeError) in
      guard let s = try inputs.float(i).floats(), s.count == 1 else { throw .shape(input: i, expected: "a scalar scale", found: try inputs.required(i).shape) }
      return s[0]
    }
    let zero = try inputs.required(7)
    let range: ClosedRange<Float> = switch zero.dtype {
      case .uint8: 0...255
      case .int8: -128...127
      default: throw .dtype(input: 7, expected: "uint8 or int8", found: zero.dtype)
    }
    let zp = Float(zero.int64s()?.first ?? 0), multiplier = scales[0] * scales[1] / scales[2]
    let q = values.map { v -> Int64 in
      let r = (Float(v) * multiplier).rounded(.toNearestOrEven) + zp
      return r.isNaN ? Int64(zp) : Int64(min(max(r, range.lowerBound), range.upperBound))
    }
    return [Tensor.integers(q, dtype: zero.dtype, shape: shape)]
  }
}
