import ModelGraph

/// `Y[n, c, 1, …] = mean over the spatial axes of X[n, c]`.
struct GlobalAveragePool: FloatKernel, AttributeFree {
  static let key = OpKey("GlobalAveragePool", since: 1)
  static let arity = 1...1

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try GlobalPool.apply(try inputs.required(0), context: context) { $0.reduce(0, +) / Float($0.count) }]
  }
}
