/// Tolerances and switches for `Verifier.verify`.
public struct VerifyOptions: Sendable {
  /// Weights agree when `|a − b| ≤ atol + rtol·max|a|` element-wise.
  public var weightRtol: Float = 1e-4
  public var weightAtol: Float = 1e-6
  /// Relative tolerance on hyper-parameters (epsilon, alpha, clip bounds, folded scales).
  public var hyperRtol: Float = 1e-3
  /// Names for the two models in the report (file names).
  public var sourceName = "source"
  public var candidateName = "candidate"

  public init() {}
}
