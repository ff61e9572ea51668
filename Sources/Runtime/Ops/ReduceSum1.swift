/// The sum over the `axes` attribute (all by default), accumulated in `Double` (opsets 1–12).
struct ReduceSum1: ReduceKernel {
  static let key = OpKey("ReduceSum", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float { Float(chunk.reduce(0.0) { $0 + Double($1) }) }
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 { chunk.reduce(0, &+) }
}
