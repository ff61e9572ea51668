import ModelGraph

/// `Y = saturate(round(X / y_scale) + y_zero_point)`, rounding half to even, into the zero
/// point's type (uint8 when omitted). Scale and zero point are scalars, or (opset 13) 1-D
/// along `axis`.
struct QuantizeLinear: Kernel {
  static let key = OpKey("QuantizeLinear", since: 10)
  static let arity: ClosedRange<Int> = 2...3
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: 1) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.dtype.computeClass == .float || x.dtype == .int32 else { throw .dtype(input: 0, expected: "float or int32", found: x.dtype) }
    let target = inputs.optional(2)?.dtype ?? .uint8
    let range: ClosedRange<Float> = switch target {
      case .uint8: 0...255
      case .int8: -128...127
      default: throw .dtype(input: 2, expected: "uint8 or int8", found: target)
    }
    let (scale, zero) = try DequantizeLinear.parameters(inputs, x: x, axis: axis)
    let values = (x.floats() ?? []).enumerated().map { i, v in
      let q = (v / scale(i)).rounded(.toNearestOrEven) + Float(zero(i))
      return q.isNaN ? zero(i) : Int64(min(max(q, range.lowerBound), range.upperBound))
    }
    return [Tensor.integers(values, dtype: target, shape: x.shape)]
  }
}
