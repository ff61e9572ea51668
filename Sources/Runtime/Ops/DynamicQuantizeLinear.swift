import ModelGraph

/// Quantizes float `X` to uint8 with a scale and zero point computed from its range (widened
/// to include 0): `y_scale = (max − min) / 255`, `y_zero_point = round(−min / y_scale)`,
/// `Y = saturate(round(X / y_scale) + y_zero_point)`, rounding half to even.
struct DynamicQuantizeLinear: Kernel, AttributeFree {
  static let key = OpKey("DynamicQuantizeLinear", since: 11)
  static let arity: ClosedRange<Int> = 1...1

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0)
    let values = x.floats() ?? []
    let high = max(0, values.max() ?? 0), low = min(0, values.min() ?? 0)
    let scale = (high == low ? 1 : high - low) / 255
    let zero = min(max(0 - low / scale, 0), 255).rounded(.toNearestOrEven)
    let q = values.map { v -> Int64 in
      let r = (v / scale).rounded(.toNearestOrEven) + zero
      return r.isNaN ? Int64(zero) : Int64(min(max(r, 0), 255))
    }
    return [Tensor.integers(q, dtype: .uint8, shape: x.shape), Tensor([scale], shape: []),
            Tensor.integers([Int64(zero)], dtype: .uint8, shape: [])]
  }
}
