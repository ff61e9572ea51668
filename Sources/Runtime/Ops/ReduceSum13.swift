/// The sum over the axes in input 1 (all when empty, unless `noop_with_empty_axes`),
/// accumulated in `Double` (opset 13 on).
struct ReduceSum13: ReduceKernel {
  static let key = OpKey("ReduceSum", since: 13)
  static let axesFromInput = true
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float { Float(chunk.reduce(0.0) { $0 + Double($1) }) }
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 { chunk.reduce(0, &+) }
}
