import ModelGraph

/// An elementwise op `y = f(x)` over floats and integers alike; `y` has `x`'s dtype.
protocol NumericUnaryKernel: Kernel {
  func apply(_ x: Float) -> Float
  func apply(_ x: Int64) -> Int64
}

extension NumericUnaryKernel {
  static var arity: ClosedRange<Int> { 1...1 }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    switch x.dtype.computeClass {
    case .float:
      guard let f = x.asFloat32() else { preconditionFailure("float tensors convert") }
      let y = f.withFloats { src in Tensor.float32(shape: x.shape) { dst in for i in 0..<src.count { dst[i] = apply(src[i]) } } }
      return [y.converted(to: x.dtype)]
    case .integer:
      return [Tensor.integers(x.withInt64s { $0.map(apply) }, dtype: x.dtype, shape: x.shape)]
    default:
      throw .dtype(input: 0, expected: "a numeric tensor", found: x.dtype)
    }
  }
}
