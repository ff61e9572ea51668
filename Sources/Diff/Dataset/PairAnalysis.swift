/// Accumulates, input by input, how a candidate form compares with a reference form.
///
/// Memory stays per layer, not per layer × input: metrics are folded into `LayerSummary`, and
/// only one scalar error per layer and input is kept for the suspiciousness ranking.
public struct PairAnalysis: Sendable {
  public var reference: String
  public var candidate: String
  public var policy: Comparison
  /// Per-layer thresholds raised to what correct executions differ by, when measured.
  public var floor: NoiseFloor?
  private(set) var layers: [LayerSummary] = []
  private var index: [String: Int] = [:]
  private var errorsDivergent: [[Double]] = []
  private var errorsAgreeing: [[Double]] = []
  private(set) var divergent: [InputDivergence] = []
  /// Inputs whose label held but whose layers left tolerance: localised the same way.
  private(set) var drifting: [InputDivergence] = []
  private(set) var inputs = 0
  private(set) var top5Agreeing = 0
  private var tauSum: Double = 0

  public init(reference: String, candidate: String, layers: [(name: String, op: String)], policy: Comparison = .layerDefault) {
    self.reference = reference
    self.candidate = candidate
    self.policy = policy
    for (i, l) in layers.enumerated() {
      index[l.name] = i
      self.layers.append(LayerSummary(layer: l.name, op: l.op, depth: i))
    }
    errorsDivergent = Array(repeating: [], count: layers.count)
    errorsAgreeing = Array(repeating: [], count: layers.count)
  }

  /// Folds in one input: its per-layer observations (in topological order) and its label outcome.
  /// For an input whose label changed, or whose layers left tolerance, `localise` is asked where
  /// and why it diverged.
  public mutating func add(
    input: Int, observations: [LayerObservation], label: LabelAgreement, absentBefore: [String: String] = [:],
    localise: (Divergence?) -> (Isolation, String?) = { _ in (.notChecked, nil) }
  ) {
    inputs += 1
    if label.top5Agrees { top5Agreeing += 1 }
    tauSum += Double(label.kendallTau)
    for o in observations {
      guard let i = index[o.layer] else { continue }
      layers[i].add(o.metrics, flagged: !floor.policy(policy, layer: o.layer).passes(o.metrics))
      let e = Double(policy.measure(o.metrics))
      if label.top1Agrees { errorsAgreeing[i].append(e) } else { errorsDivergent[i].append(e) }
    }
    let d = firstDivergence(observations, policy: policy, absentBefore: absentBefore, floor: floor)
    if label.top1Agrees && d == nil { return }
    let (isolation, cause) = localise(d)
    let record = InputDivergence(input: input, label: label, divergence: d, isolation: isolation, cause: cause)
    if label.top1Agrees { drifting.append(record) } else { divergent.append(record) }
  }

  /// Layers ranked by Kruskal–Wallis p-value (most suspicious first); empty when all inputs
  /// agree or all diverge (nothing to contrast).
  public var suspicion: [LayerSuspicion] {
    layers.indices.compactMap { i -> LayerSuspicion? in
      guard let test = KruskalWallis([errorsDivergent[i], errorsAgreeing[i]]) else { return nil }
      return LayerSuspicion(layer: layers[i].layer, h: test.h, p: test.p)
    }
    .sorted { $0.p < $1.p || ($0.p == $1.p && $0.h > $1.h) }
  }

  public var report: PairReport {
    var histogram: [String: Int] = [:], numeric: [String: Int] = [:]
    for d in divergent { if let layer = d.divergence?.layer { histogram[layer, default: 0] += 1 } }
    for d in drifting { if let layer = d.divergence?.layer { numeric[layer, default: 0] += 1 } }
    return PairReport(
      reference: reference, candidate: candidate, policy: policy, inputs: inputs,
      labelDifferenceRate: inputs == 0 ? 0 : Double(divergent.count) / Double(inputs),
      top5AgreementRate: inputs == 0 ? 0 : Double(top5Agreeing) / Double(inputs),
      meanKendallTau: inputs == 0 ? 1 : tauSum / Double(inputs),
      layers: layers, divergentInputs: divergent, localisedLayers: histogram,
      numericallyDivergentInputs: drifting, numericallyLocalisedLayers: numeric,
      suspicion: suspicion, unaligned: [])
  }
}
