/// `Σ|x|` over the `axes` attribute (all by default).
struct ReduceL1: ReduceKernel {
  static let key = OpKey("ReduceL1", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float { Float(chunk.reduce(0.0) { $0 + Double(abs($1)) }) }
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 { chunk.reduce(0) { $0 &+ ($1 < 0 ? 0 &- $1 : $1) } }
}
