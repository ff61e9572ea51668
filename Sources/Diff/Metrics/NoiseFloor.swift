/// What correct executions of the same layer differ by: each layer's worst range-relative error
/// between the source framework and the interpreter running deltann's own conversion. A
/// candidate's layer diverges only when its error is well above that floor (and above the
/// policy's own threshold), so float32 re-association that grows with depth — present in every
/// correct conversion — raises no flag, while a layer that breaks still stands out.
///
/// ```swift
/// let floor = NoiseFloor(correct: try Localizer(reference: keras, candidate: ours, backend: interpreter, names: n).analyse())
/// localizer.floor = floor
/// ```
public struct NoiseFloor: Sendable, Hashable, Codable {
  /// Worst range-relative error per layer between two correct executions.
  public var perLayer: [String: Float]
  /// How far above the floor a layer may go before it diverges.
  public var factor: Float
  /// Which correct execution measured it, for the report.
  public var measuredOn: String

  public init(perLayer: [String: Float], factor: Float = 4, measuredOn: String) {
    self.perLayer = perLayer
    self.factor = factor
    self.measuredOn = measuredOn
  }

  /// The floor as measured by a comparison of a correct conversion with the reference.
  public init(correct report: PairReport, factor: Float = 4) {
    var perLayer: [String: Float] = [:]
    for l in report.layers where l.worstRangeRelative.isFinite { perLayer[l.layer] = l.worstRangeRelative }
    self.init(perLayer: perLayer, factor: factor, measuredOn: report.candidate)
  }

  /// `base` for `layer`, its range-relative threshold raised to `factor ×` the layer's floor.
  /// Other policies (explicit elementwise or cosine tolerances) are left as the user set them.
  public func policy(_ base: Comparison, layer: String) -> Comparison {
    guard case .rangeRelative(let maximum) = base, let floor = perLayer[layer] else { return base }
    return .rangeRelative(maximum: max(maximum, factor * floor))
  }
}

extension Optional where Wrapped == NoiseFloor {
  /// The policy for `layer`: `base`, raised to the floor when there is one.
  func policy(_ base: Comparison, layer: String) -> Comparison { self?.policy(base, layer: layer) ?? base }
}
