/// The maximum over the `axes` attribute (all by default); NaN propagates.
struct ReduceMax: ReduceKernel {
  static let key = OpKey("ReduceMax", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float {
    chunk.reduce(-Float.infinity) { $0.isNaN || $1.isNaN ? .nan : max($0, $1) }
  }
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 { chunk.max() ?? .min }
}
