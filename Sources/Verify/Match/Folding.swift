/// BatchNormalization folded into the preceding convolution or dense layer:
/// `W' = W·s`, `b' = (b − μ)·s + β` with `s = γ/√(σ² + ε)` per output channel.
enum Folding {
  /// The per-output-channel scale `s` with `candidate ≈ source·s`, or `nil` when the candidate
  /// is not a per-channel rescaling of the source.
  static func perChannelScale(source: [Float], candidate: [Float], channels: Int, tolerance: Float = 1e-4) -> [Float]? {
    guard channels > 0, source.count == candidate.count, source.count % channels == 0 else { return nil }
    let inner = source.count / channels
    var scales = [Float](repeating: 0, count: channels)
    for o in 0..<channels {
      var dot: Double = 0, norm: Double = 0, peak: Float = 0
      for k in o * inner..<(o + 1) * inner {
        dot += Double(source[k]) * Double(candidate[k])
        norm += Double(source[k]) * Double(source[k])
        peak = max(peak, abs(candidate[k]))
      }
      let s = norm > 0 ? Float(dot / norm) : 0
      for k in o * inner..<(o + 1) * inner where !(abs(candidate[k] - s * source[k]) <= tolerance * max(peak, 1e-6)) {
        return nil
      }
      scales[o] = s
    }
    return scales
  }

  /// BatchNormalization's scale and shift, `γ/√(σ²+ε)` and `β − μ·γ/√(σ²+ε)`.
  static func bnScaleShift(_ bn: Step, channels: Int, epsilon: Float? = nil, swapped: Bool = false) -> (scale: [Float], shift: [Float])? {
    func vec(_ key: String, _ fill: Float) -> [Float]? {
      guard let w = bn.weights[key] else { return [Float](repeating: fill, count: channels) }
      let v = w.values()
      return v.count == channels ? v : nil
    }
    guard let gamma = vec("gamma", 1), let beta = vec("beta", 0), var mean = vec("mean", 0), var variance = vec("var", 1)
    else { return nil }
    if swapped { swap(&mean, &variance) }
    let eps = epsilon ?? bn.epsilon ?? 1e-3
    let scale = (0..<channels).map { gamma[$0] / (max(variance[$0], 0) + eps).squareRoot() }
    let shift = (0..<channels).map { beta[$0] - mean[$0] * scale[$0] }
    return (scale, shift)
  }

  /// Pairs a source BatchNormalization that follows a conv/dense with the candidate step that
  /// absorbed it: the conv's partner when that partner has no normalisation of its own, or an
  /// unmatched candidate conv whose kernel is a per-channel rescaling of the source kernel.
  static func match(_ m: inout Matching, _ s: LiftedGraph, _ c: LiftedGraph) {
    let sCons = s.consumers
    let cCons = c.consumers
    var byShape: [[Int]: [Int]] = [:]
    var cache: [Int: [Float]] = [:]
    for (j, step) in c.steps.enumerated() where step.kind == .conv || step.kind == .dense {
      if let w = step.weights["W"] { byShape[w.canonicalShape, default: []].append(j) }
    }
    for (i, step) in s.steps.enumerated() where step.kind == .conv || step.kind == .dense {
      guard let out = step.outputs.first, let next = sCons[out], next.count == 1,
        s.steps[next[0]].kind == .batchNorm, m.bySource[next[0]] == nil, let w = step.weights["W"]
      else { continue }
      let bn = next[0]
      if let j = m.candidate(of: i) {
        let followers = c.steps[j].outputs.first.flatMap { cCons[$0] } ?? []
        if !followers.contains(where: { [.batchNorm, .affine].contains(c.steps[$0].kind) && !m.isMatched(candidate: $0) }) {
          m.add(bn, j, .foldedWeights, 0.9)
        }
        continue
      }
      let options = (byShape[w.canonicalShape] ?? []).filter { !m.isMatched(candidate: $0) }
      guard !options.isEmpty else { continue }
      let source = w.values()
      let channels = w.canonicalShape.first ?? 0
      let inner = source.count / max(channels, 1)
      for j in options {
        guard let cw = c.steps[j].weights["W"] else { continue }
        let values = cache[j] ?? cw.values()
        cache[j] = values
        // Channel 0 first: rejects almost every wrong candidate cheaply.
        guard perChannelScale(source: Array(source.prefix(inner)), candidate: Array(values.prefix(inner)), channels: 1) != nil,
          perChannelScale(source: source, candidate: values, channels: channels) != nil
        else { continue }
        m.add(i, j, .foldedWeights, 0.85)
        m.add(bn, j, .foldedWeights, 0.85)
        break
      }
    }
  }
}
