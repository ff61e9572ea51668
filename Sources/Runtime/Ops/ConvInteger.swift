import ModelGraph

/// `Y = Conv(X − x_zero_point, W − w_zero_point)` in int32, with Conv's attributes; `w_zero_point`
/// is a scalar or one per output channel. Computed through `Conv` in float32, which is exact
/// while every accumulated sum stays below 2²⁴ in magnitude (8-bit inputs, ≤ 258 taps).
struct ConvInteger: Kernel {
  static let key = OpKey("ConvInteger", since: 10)
  static let arity: ClosedRange<Int> = 2...4
  let conv: Conv

  init(node: Node, opset: Int) throws(RuntimeError) { conv = try Conv(node: node, opset: opset) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let y = try Self.centeredConv(conv, inputs, x: 0, xZero: 2, w: 1, wZero: 3, bias: nil, context: context)
    return [Tensor.integers((y.floats() ?? []).map { Int64($0.rounded()) }, dtype: .int32, shape: y.shape)]
  }

  /// `Conv` of the inputs less their zero points (per tensor, or per output channel for the
  /// weight), plus an optional int32 bias, as float32.
  static func centeredConv(_ conv: Conv, _ inputs: [Tensor?], x: Int, xZero: Int, w: Int, wZero: Int, bias: Int?,
                           context: KernelContext) throws(RuntimeError) -> Tensor {
    let data = try inputs.required(x), weight = try inputs.required(w)
    let xz = Float(inputs.optional(xZero)?.int64s()?.first ?? 0)
    let wz = (inputs.optional(wZero)?.int64s() ?? [0]).map(Float.init)
    guard weight.rank >= 1, wz.count == 1 || wz.count == weight.shape[0] else {
      throw .shape(input: wZero, expected: "a scalar or [\(weight.shape.first ?? 0)]", found: [wz.count])
    }
    let perChannel = weight.elementCount / max(weight.shape[0], 1)
    let xs = Tensor((data.floats() ?? []).map { $0 - xz }, shape: data.shape)
    let ws = Tensor((weight.floats() ?? []).enumerated().map { $1 - wz[wz.count == 1 ? 0 : $0 / perChannel] }, shape: weight.shape)
    let b = bias.flatMap { inputs.optional($0) }.map { Tensor($0.floats() ?? [], shape: $0.shape) }
    return try conv.run([xs, ws, b], context: context)[0]
  }
}
