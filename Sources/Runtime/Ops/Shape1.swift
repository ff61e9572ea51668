import ModelGraph

/// The shape of `X` as a 1-D int64 tensor (opsets 1–14).
struct Shape1: Kernel, AttributeFree {
  static let key = OpKey("Shape", since: 1)
  static let arity: ClosedRange<Int> = 1...1

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    return [Tensor(int64: x.shape.map { Int64($0) }, shape: [x.rank])]
  }
}
