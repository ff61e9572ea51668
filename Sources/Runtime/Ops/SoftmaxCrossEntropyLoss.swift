import Foundation
import ModelGraph

/// `NegativeLogLikelihoodLoss` of `log_softmax(scores)` over axis 1, with the same `weights`,
/// `ignore_index` and `reduction`; the optional second output is the log-probabilities.
struct SoftmaxCrossEntropyLoss: FloatKernel {
  static let key = OpKey("SoftmaxCrossEntropyLoss", since: 13)
  static let arity: ClosedRange<Int> = 2...3
  let nll: NegativeLogLikelihoodLoss

  init(node: Node, opset: Int) throws(RuntimeError) { nll = try NegativeLogLikelihoodLoss(node: node, opset: opset) }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0)
    guard x.rank >= 2 else { throw .shape(input: 0, expected: "[N, C, d…]", found: x.shape) }
    let c = x.shape[1], inner = x.shape[2...].reduce(1, *), v = x.floats() ?? []
    var logProb = v
    for n in 0..<x.shape[0] {
      for j in 0..<inner {
        let at = (0..<c).map { (n * c + $0) * inner + j }
        let top = at.map { v[$0] }.max() ?? 0
        let logSum = log(at.reduce(0) { $0 + exp(v[$1] - top) }) + top
        for i in at { logProb[i] = v[i] - logSum }
      }
    }
    let probabilities = Tensor(logProb, shape: x.shape)
    let loss = try nll.loss(probabilities, target: try inputs.required(1), weight: inputs.optional(2).flatMap { $0.floats() })
    return [loss, probabilities]
  }
}
