import ModelGraph

/// The coordinates of the non-zero elements of `X`, as int64 `[rank, count]` in row-major order.
struct NonZero: Kernel, AttributeFree {
  static let key = OpKey("NonZero", since: 9)
  static let arity: ClosedRange<Int> = 1...1

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.dtype.computeClass != nil else { throw .dtype(input: 0, expected: "a numeric or bool tensor", found: x.dtype) }
    let truth = x.truthValues()
    let hits = truth.indices.filter { truth[$0] }
    let strides = Layout.strides(x.shape)
    let coordinates = x.shape.indices.flatMap { a in hits.map { Int64($0 / strides[a] % x.shape[a]) } }
    return [Tensor(int64: coordinates, shape: [x.rank, hits.count])]
  }
}
