/// How two tensors are judged equal enough: a value, so callers can store and print it.
///
/// ```swift
/// let policy = Comparison.elementwise(atol: 1e-5, rtol: 1e-5)
/// policy.passes(metrics)   // false when any element exceeds both tolerances
/// ```
public enum Comparison: Sendable, Hashable, Codable {
  /// Polygraphy's rule: an element fails only where `|a−b| > atol` *and* `|a−b| > rtol·|b|`.
  case elementwise(atol: Float, rtol: Float)
  /// Max-abs error relative to the reference's value range (`max − min`): near-zero values
  /// cannot raise false alarms, and a layer's scale does not matter.
  case rangeRelative(maximum: Float)
  /// Cosine similarity of the flattened tensors at least `minimum`.
  case cosine(minimum: Float)

  /// The elementwise tolerances every command, pipeline step and metric starts from: Polygraphy's.
  public static let defaultAtol: Float = 1e-5
  public static let defaultRtol: Float = 1e-5
  /// The range-relative error above which a layer diverges unless the user says otherwise.
  public static let defaultThreshold: Float = 1e-4

  /// Polygraphy's defaults.
  public static let polygraphy = Comparison.elementwise(atol: defaultAtol, rtol: defaultRtol)
  /// The default for per-layer divergence: `defaultThreshold` of the layer's range.
  public static let layerDefault = Comparison.rangeRelative(maximum: defaultThreshold)

  /// NaN or ±∞ where the reference has a finite value (or the reverse) never passes.
  public func passes(_ m: TensorMetrics) -> Bool {
    guard m.nonFiniteMismatches == 0 else { return false }
    return switch self {
    case .elementwise: m.outOfTolerance == 0
    case .rangeRelative(let maximum): m.rangeRelativeMaxAbs <= maximum
    case .cosine(let minimum): m.cosine >= minimum
    }
  }

  /// The loosest setting of this same policy that `m` would have passed, for error messages
  /// ("would pass with atol 3.2e-4").
  public func wouldPass(_ m: TensorMetrics) -> Comparison {
    switch self {
    case .elementwise(_, let rtol): .elementwise(atol: m.maxAbs, rtol: rtol)
    case .rangeRelative: .rangeRelative(maximum: m.rangeRelativeMaxAbs)
    case .cosine: .cosine(minimum: m.cosine)
    }
  }
}
