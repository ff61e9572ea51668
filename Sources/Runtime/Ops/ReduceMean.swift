/// The mean over the `axes` attribute (all by default), accumulated in `Double`.
struct ReduceMean: ReduceKernel {
  static let key = OpKey("ReduceMean", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float {
    Float(chunk.reduce(0.0) { $0 + Double($1) } / Double(chunk.count))
  }
}
