/// The comparison of one candidate form with one reference form over a dataset.
public struct PairReport: Sendable, Hashable, Codable {
  public var reference: String
  public var candidate: String
  public var policy: Comparison
  public var inputs: Int
  /// Fraction of inputs whose top-1 label differs.
  public var labelDifferenceRate: Double
  public var top5AgreementRate: Double
  public var meanKendallTau: Double
  /// Every aligned layer in the reference's topological order.
  public var layers: [LayerSummary]
  public var divergentInputs: [InputDivergence]
  /// How many divergent inputs were localised at each layer.
  public var localisedLayers: [String: Int]
  /// Inputs whose top-1 label held although layers left tolerance, localised the same way.
  public var numericallyDivergentInputs: [InputDivergence]
  public var numericallyLocalisedLayers: [String: Int]
  public var suspicion: [LayerSuspicion]
  /// Tensors of either side that could not be aligned, listed rather than dropped.
  public var unaligned: [String]
  /// Fused groups (several source layers in one candidate tensor) by the layer compared.
  public var groups: [String: [String]]?
  /// Aligned source layers out of all of them.
  public var coverage: Coverage?
  /// The noise floor layers were judged against, when one was measured.
  public var noiseFloor: String?

  /// A layer's name, or its fused group's: "conv1 + bn1 (fused in the candidate)".
  public func describe(layer: String) -> String {
    guard let group = groups?[layer], group.count > 1 else { return layer }
    return group.joined(separator: " + ") + " (fused in the candidate)"
  }

  /// The layer most label-divergent inputs were localised at, if any.
  public var mostLocalised: (layer: String, count: Int)? { Self.mode(localisedLayers) }

  /// Where divergence starts: over label-divergent inputs, else over numerically divergent ones.
  public var firstDivergentLayer: (layer: String, count: Int, of: Int, labelChanged: Bool)? {
    if let (layer, count) = mostLocalised { return (layer, count, divergentInputs.count, true) }
    return Self.mode(numericallyLocalisedLayers).map { ($0.layer, $0.count, numericallyDivergentInputs.count, false) }
  }

  /// The isolation verdict of the first input localised at `layer`.
  public func isolation(at layer: String) -> Isolation? {
    (divergentInputs + numericallyDivergentInputs).first { $0.divergence?.layer == layer }?.isolation
  }

  private static func mode(_ histogram: [String: Int]) -> (layer: String, count: Int)? {
    histogram.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }.map { ($0.key, $0.value) }
  }
}
