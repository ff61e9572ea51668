import Foundation
import ModelGraph

/// Weight comparisons: exact, BatchNormalization folded, and the diagnoses of a difference
/// (layout not permuted, float16 rounding, quantisation, channel order flipped).
extension CheckContext {
  mutating func checkConvWeights(si: Int, ci: Int) {
    let s = source.steps[si], c = candidate.steps[ci]
    guard let ws = s.weights["W"], let wc = c.weights["W"] else { return }
    let bn = foldedNormalisation(after: si, into: ci)
    if bn == nil {
      compareWeight(ws, wc, s: s, c: c, role: "kernel")
      compareBias(s, c, expected: s.weights["B"]?.values())
      return
    }
    guard let bnIndex = bn else { return }
    checkFold(conv: s, bnIndex: bnIndex, candidate: c, ws: ws, wc: wc)
  }

  mutating func checkDense(si: Int, ci: Int) {
    let s = source.steps[si], c = candidate.steps[ci]
    guard let ws = s.weights["W"], let wc = c.weights["W"] else { return }
    let a = ws.canonicalShape, b = wc.canonicalShape
    if a.count == 2, b.count == 2, a[1] == b[1], a[0] != b[0] {
      let background = b[0] == a[0] + 1
      flag(.interface, layer: s.layer, nodes: c.nodes, subject: "classes", expected: "\(a[0])", found: "\(b[0])",
           background ? "\(b[0])-class head instead of \(a[0]) (an extra background class, as in TF-slim checkpoints)"
             : "dense layer has \(b[0]) outputs instead of \(a[0])")
      return
    }
    if let bnIndex = foldedNormalisation(after: si, into: ci) {
      checkFold(conv: s, bnIndex: bnIndex, candidate: c, ws: ws, wc: wc)
      return
    }
    compareWeight(ws, wc, s: s, c: c, role: "kernel")
    compareBias(s, c, expected: s.weights["B"]?.values())
  }

  /// The source BatchNormalization matched to the same candidate conv, if any.
  private func foldedNormalisation(after si: Int, into ci: Int) -> Int? {
    guard let out = source.steps[si].outputs.first, let next = sourceConsumers[out], next.count == 1,
      source.steps[next[0]].kind == .batchNorm, matching.candidate(of: next[0]) == ci
    else { return nil }
    return next[0]
  }

  private mutating func checkFold(conv s: Step, bnIndex: Int, candidate c: Step, ws: WeightRef, wc: WeightRef) {
    let bn = source.steps[bnIndex]
    let channels = ws.canonicalShape.first ?? 0
    guard ws.canonicalShape == wc.canonicalShape else {
      compareWeight(ws, wc, s: s, c: c, role: "kernel")
      return
    }
    let a = ws.values(), b = wc.values()
    guard let scale = Folding.perChannelScale(source: a, candidate: b, channels: channels),
      let (expected, shift) = Folding.bnScaleShift(bn, channels: channels)
    else {
      // Not a rescaled kernel: diagnose against the folded expectation.
      if let (es, _) = Folding.bnScaleShift(bn, channels: channels) {
        let inner = a.count / max(channels, 1)
        let folded = a.indices.map { a[$0] * es[$0 / max(inner, 1)] }
        compareWeight(WeightRef(Tensor(folded, shape: ws.canonicalShape), name: ws.name), wc, s: s, c: c, role: "kernel (BN folded)")
      }
      return
    }
    let nodes = c.nodes
    let scaleOK = zip(scale, expected).allSatisfy { close($0, $1, rtol: options.hyperRtol) || abs($0 - $1) < 1e-6 }
    if !scaleOK {
      diagnoseFoldedScale(bn: bn, scale: scale, channels: channels, nodes: nodes)
      return
    }
    let sb = s.weights["B"]?.values() ?? [Float](repeating: 0, count: channels)
    let expectedBias = (0..<channels).map { sb.count == channels ? sb[$0] * expected[$0] + shift[$0] : shift[$0] }
    let cb = c.weights["B"]?.values() ?? [Float](repeating: 0, count: channels)
    if !allClose(expectedBias, cb) {
      flag(.weightMismatch, layer: bn.layer, nodes: nodes, subject: "folded bias", expected: preview(expectedBias), found: preview(cb),
           "bias after folding \(bn.layer) into \(s.layer) differs (β, moving mean or the conv bias)")
      return
    }
    rewrite(.batchNormFolded, layers: [s.layer, bn.layer], nodes: nodes, "\(bn.layer) folded into \(c.nodes.first ?? "")")
  }

  /// The candidate folded a normalisation with a scale other than γ/√(σ²+ε): find which
  /// hyper-parameter or statistic explains it.
  private mutating func diagnoseFoldedScale(bn: Step, scale: [Float], channels: Int, nodes: [String]) {
    let layer = bn.layer
    if let (swapped, _) = Folding.bnScaleShift(bn, channels: channels, swapped: true),
      zip(scale, swapped).allSatisfy({ close($0, $1, rtol: options.hyperRtol) })
    {
      flag(.weightMismatch, layer: layer, nodes: nodes, subject: "moving_mean/moving_variance",
           expected: "mean, variance", found: "variance, mean", "folded with moving mean and variance swapped")
      return
    }
    let gamma = bn.weights["gamma"]?.values() ?? [Float](repeating: 1, count: channels)
    let variance = bn.weights["var"]?.values() ?? [Float](repeating: 1, count: channels)
    if scale.allSatisfy({ close($0, 1, rtol: 1e-6) }) {
      flag(.missingLayer, layer: layer, nodes: nodes, subject: "BatchNormalization", expected: "folded scale", found: "none",
           "\(layer) is missing: the candidate kernel equals the unnormalised source kernel")
      return
    }
    // Solve ε from each channel: ε = (γ/s)² − σ².
    var estimates: [Float] = []
    for o in 0..<min(channels, gamma.count, variance.count) where scale[o] != 0 {
      estimates.append((gamma[o] / scale[o]) * (gamma[o] / scale[o]) - variance[o])
    }
    estimates.sort()
    let median = estimates.isEmpty ? Float.nan : estimates[estimates.count / 2]
    let consistent = !estimates.isEmpty && estimates.allSatisfy { abs($0 - median) <= max(abs(median) * 0.05, 1e-6) }
    if consistent, median > 0 {
      flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "epsilon", expected: "\(bn.epsilon ?? 0)",
           found: String(format: "%.3g", median), "folded with epsilon ≈ \(String(format: "%.3g", median)) instead of \(bn.epsilon ?? 0)")
    } else {
      flag(.weightMismatch, layer: layer, nodes: nodes, subject: "folded scale", expected: preview(Folding.bnScaleShift(bn, channels: channels)?.scale ?? []),
           found: preview(scale), "kernel folded with a per-channel scale that γ/√(σ²+ε) does not explain")
    }
  }

  mutating func checkBatchNormWeights(_ s: Step, _ c: Step) {
    let mean = s.weights["mean"]?.values(), variance = s.weights["var"]?.values()
    let cm = c.weights["mean"]?.values(), cv = c.weights["var"]?.values()
    if let mean, let variance, let cm, let cv, !allClose(mean, cm) || !allClose(variance, cv),
      allClose(mean, cv), allClose(variance, cm)
    {
      flag(.weightMismatch, layer: s.layer, nodes: c.nodes, subject: "moving_mean/moving_variance", expected: "mean, variance",
           found: "variance, mean", "moving mean and moving variance are swapped")
      return
    }
    for key in ["gamma", "beta", "mean", "var"] {
      guard let a = s.weights[key], let b = c.weights[key] else { continue }
      compareWeight(a, b, s: s, c: c, role: key)
    }
  }

  /// A normalisation spelled as per-channel scale and shift.
  mutating func checkAffine(_ s: Step, _ c: Step) {
    func scaleShift(_ x: Step) -> ([Float], [Float])? {
      if x.kind == .batchNorm {
        let channels = x.weights["gamma"]?.tensor.elementCount ?? x.weights["mean"]?.tensor.elementCount ?? 0
        return Folding.bnScaleShift(x, channels: channels).map { ($0.scale, $0.shift) }
      }
      guard let sc = x.weights["scale"]?.values(), let sh = x.weights["shift"]?.values() else { return nil }
      let n = max(sc.count, sh.count)
      return ((0..<n).map { sc[sc.count == 1 ? 0 : $0] }, (0..<n).map { sh[sh.count == 1 ? 0 : $0] })
    }
    guard var (a1, b1) = scaleShift(s), var (a2, b2) = scaleShift(c) else { return }
    // A scalar on one side is the same constant on every channel of the other.
    let n = max(a1.count, a2.count)
    func spread(_ v: [Float]) -> [Float] { v.count == 1 ? [Float](repeating: v[0], count: n) : v }
    (a1, b1, a2, b2) = (spread(a1), spread(b1), spread(a2), spread(b2))
    guard a1.count == a2.count else {
      flag(.weightMismatch, layer: s.layer, nodes: c.nodes, subject: "scale/shift", expected: "\(a1.count) channels",
           found: "\(a2.count) channels", "per-channel scale/shift over \(a2.count) channels instead of \(a1.count)")
      return
    }
    if !allClose(a1, a2) || !allClose(b1, b2) {
      let epsilonHint = s.kind == .batchNorm ? " (epsilon, statistics or γ/β)" : ""
      flag(s.kind == .batchNorm ? .hyperParameterMismatch : .weightMismatch, layer: s.layer, nodes: c.nodes,
           subject: s.kind == .batchNorm ? "epsilon" : "scale/shift", expected: preview(a1), found: preview(a2),
           "per-channel scale/shift differs\(epsilonHint)")
    }
  }

  private mutating func compareBias(_ s: Step, _ c: Step, expected: [Float]?) {
    let channels = s.weights["W"]?.canonicalShape.first ?? 0
    let a = expected ?? [Float](repeating: 0, count: channels)
    let b = c.weights["B"]?.values() ?? [Float](repeating: 0, count: channels)
    guard a.count == b.count, !allClose(a, b) else { return }
    flag(.weightMismatch, layer: s.layer, nodes: c.nodes, subject: "bias", expected: preview(a), found: preview(b), "bias values differ")
  }
}
