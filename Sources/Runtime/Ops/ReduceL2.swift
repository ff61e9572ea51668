/// `√(Σx²)` over the `axes` attribute (all by default).
struct ReduceL2: ReduceKernel {
  static let key = OpKey("ReduceL2", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float {
    Float(chunk.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
  }
}
