/// The product over the `axes` attribute (all by default), accumulated in `Double`.
struct ReduceProd: ReduceKernel {
  static let key = OpKey("ReduceProd", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float { Float(chunk.reduce(1.0) { $0 * Double($1) }) }
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 { chunk.reduce(1, &*) }
}
