import ModelGraph

/// `Y[n, c, 1, …] = max over the spatial axes of X[n, c]`.
struct GlobalMaxPool: FloatKernel, AttributeFree {
  static let key = OpKey("GlobalMaxPool", since: 1)
  static let arity = 1...1

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try GlobalPool.apply(try inputs.required(0), context: context) { $0.reduce(-Float.infinity) { $1 > $0 || $1.isNaN ? $1 : $0 } }]
  }
}
