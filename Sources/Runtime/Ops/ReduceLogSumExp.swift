import Foundation

/// `ln(Σeˣ)` over the `axes` attribute (all by default), shifted by the maximum so that
/// large inputs do not overflow.
struct ReduceLogSumExp: ReduceKernel {
  static let key = OpKey("ReduceLogSumExp", since: 1)
  let attributes: ReduceAttributes

  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float {
    guard let top = chunk.max(), top.isFinite else { return log(chunk.reduce(0) { $0 + exp($1) }) }
    return Float(Double(top) + log(chunk.reduce(0.0) { $0 + exp(Double($1 - top)) }))
  }
}
