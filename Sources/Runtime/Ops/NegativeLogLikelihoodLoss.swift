import ModelGraph

/// `loss[n, d…] = −input[n, target[n, d…], d…] · weight[target]` for `input` `[N, C, d…]`;
/// targets equal to `ignore_index` weigh 0. `reduction`: `none`, `sum`, or `mean` (default: the
/// sum divided by the total weight — by the element count when `ignore_index` is −1 without
/// weights, as the reference implementation does).
struct NegativeLogLikelihoodLoss: FloatKernel {
  static let key = OpKey("NegativeLogLikelihoodLoss", since: 13)
  static let arity: ClosedRange<Int> = 2...3
  let reduction: String, ignoreIndex: Int64?

  init(node: Node, opset: Int) throws(RuntimeError) {
    reduction = try node.string("reduction", default: "mean")
    ignoreIndex = try node.int("ignore_index").map(Int64.init)
    guard ["none", "sum", "mean"].contains(reduction) else {
      throw .attribute(name: "reduction", expected: "none, sum or mean", found: "'\(reduction)'")
    }
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try loss(try inputs.float(0), target: try inputs.required(1), weight: inputs.optional(2).flatMap { $0.floats() })]
  }

  /// The loss of log-probabilities `x` `[N, C, d…]` against integer `target` `[N, d…]`.
  func loss(_ x: Tensor, target: Tensor, weight: [Float]?) throws(RuntimeError) -> Tensor {
    guard x.rank >= 2, target.shape == [x.shape[0]] + Array(x.shape[2...]), let labels = target.int64s() else {
      throw .shape(input: 1, expected: "integer targets of shape [N, d…] for input \(x.shape)", found: target.shape)
    }
    let c = x.shape[1], inner = x.shape[2...].reduce(1, *), v = x.floats() ?? []
    if let weight, weight.count != c { throw .shape(input: 2, expected: "[\(c)]", found: [weight.count]) }
    var losses = [Float](repeating: 0, count: labels.count), weights = losses
    for (i, label) in labels.enumerated() where label != ignoreIndex {
      guard (0..<Int64(c)).contains(label) else { throw .shape(input: 1, expected: "targets in [0, \(c))", found: [Int(label)]) }
      weights[i] = weight?[Int(label)] ?? 1
      losses[i] = -v[(i / inner * c + Int(label)) * inner + i % inner] * weights[i]
    }
    switch reduction {
    case "none": return Tensor(losses, shape: target.shape)
    case "sum": return Tensor([losses.reduce(0, +)], shape: [])
    default:
      let total = weight == nil && ignoreIndex == -1 ? Float(losses.count) : weights.reduce(0, +)
      return Tensor([losses.reduce(0, +) / total], shape: [])
    }
  }
}
