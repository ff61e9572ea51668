import ModelGraph

/// `X` converted to the dtype of input 1 (opset 15 on), by `Cast`'s rules.
struct CastLike: Kernel, AttributeFree {
  static let key = OpKey("CastLike", since: 15)
  static let arity: ClosedRange<Int> = 2...2

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Cast.cast(try inputs.required(0), to: try inputs.required(1).dtype)]
  }
}
