/// One layer's error over every input of a pair, kept as summary statistics only.
public struct LayerSummary: Sendable, Hashable, Codable {
  public var layer: String
  public var op: String
  /// Position in the reference's topological order.
  public var depth: Int
  public var worstMaxAbs: Float = 0
  public var worstRangeRelative: Float = 0
  public var meanRelativeL2: Float = 0
  public var minCosine: Float = 1
  public var worstOutOfToleranceFraction: Float = 0
  public var inputs = 0
  /// Inputs on which this layer failed the per-layer policy.
  public var flaggedInputs = 0

  public init(layer: String, op: String, depth: Int) {
    self.layer = layer
    self.op = op
    self.depth = depth
  }

  mutating func add(_ m: TensorMetrics, flagged: Bool) {
    worstMaxAbs = max(worstMaxAbs, m.maxAbs)
    worstRangeRelative = max(worstRangeRelative, m.nonFiniteMismatches > 0 ? .infinity : m.rangeRelativeMaxAbs)
    meanRelativeL2 = (meanRelativeL2 * Float(inputs) + m.relativeL2) / Float(inputs + 1)
    minCosine = min(minCosine, m.cosine)
    worstOutOfToleranceFraction = max(worstOutOfToleranceFraction, m.outOfToleranceFraction)
    inputs += 1
    if flagged { flaggedInputs += 1 }
  }
}

/// A layer's suspiciousness: does its error separate label-divergent from label-agreeing inputs?
public struct LayerSuspicion: Sendable, Hashable, Codable {
  public var layer: String
  public var h: Double
  public var p: Double
  public var significant: Bool { p < 0.05 }
}
