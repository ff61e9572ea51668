/// `Σx²` over the `axes` attribute (all by default).
struct ReduceSumSquare: ReduceKernel {
  static let key = OpKey("ReduceSumSquare", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float { Float(chunk.reduce(0.0) { $0 + Double($1) * Double($1) }) }
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 { chunk.reduce(0) { $0 &+ $1 &* $1 } }
}
