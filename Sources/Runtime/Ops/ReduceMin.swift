/// The minimum over the `axes` attribute (all by default); NaN propagates.
struct ReduceMin: ReduceKernel {
  static let key = OpKey("ReduceMin", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float {
    chunk.reduce(Float.infinity) { $0.isNaN || $1.isNaN ? .nan : min($0, $1) }
  }
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 { chunk.min() ?? .max }
}
