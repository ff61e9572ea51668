import Foundation

/// `ln(Σx)` over the `axes` attribute (all by default).
struct ReduceLogSum: ReduceKernel {
  static let key = OpKey("ReduceLogSum", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float { Float(log(chunk.reduce(0.0) { $0 + Double($1) })) }
}
