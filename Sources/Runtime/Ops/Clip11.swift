import ModelGraph

/// `Y = min(max(X, min), max)` with the bounds as optional scalar inputs (opset 11 on); floats
/// and integers. An omitted bound does not clip.
struct Clip11: Kernel, AttributeFree {
  static let key = OpKey("Clip", since: 11)
  static let arity: ClosedRange<Int> = 1...3

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    for i in 1...2 {
      if let bound = inputs.optional(i), bound.elementCount != 1 {
        throw .shape(input: i, expected: "a scalar bound", found: bound.shape)
      }
    }
    switch x.dtype.computeClass {
    case .float:
      let low = inputs.optional(1)?.floats()?.first ?? -.infinity
      let high = inputs.optional(2)?.floats()?.first ?? .infinity
      guard let f = x.asFloat32() else { preconditionFailure("float tensors convert") }
      let y = f.withFloats { src in Tensor.float32(shape: x.shape) { dst in
        let clip = Activation.clip(low: low, high: high)
        for i in 0..<src.count { dst[i] = clip.apply(src[i]) }
      } }
      return [y.converted(to: x.dtype)]
    case .integer:
      let low = inputs.optional(1)?.int64s()?.first ?? .min
      let high = inputs.optional(2)?.int64s()?.first ?? .max
      return [Tensor.integers(x.withInt64s { $0.map { min(max($0, low), high) } }, dtype: x.dtype, shape: x.shape)]
    default:
      throw .dtype(input: 0, expected: "a numeric tensor", found: x.dtype)
    }
  }
}
