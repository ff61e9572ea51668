/// The verdict of re-running a suspect layer's candidate nodes on the reference's own inputs.
public enum Isolation: String, Sendable, Hashable, Codable {
  /// Still divergent on clean inputs: the layer's translation is at fault.
  case localFault = "local fault"
  /// Agrees on clean inputs: the divergence is error accumulated upstream.
  case accumulatedDrift = "accumulated drift"
  /// Not re-run (no interpreter for this form, or the layer's inputs were not captured).
  case notChecked = "not checked"
}

/// One label-divergent input of a pair, with where and why it diverged.
public struct InputDivergence: Sendable, Hashable, Codable {
  public var input: Int
  public var label: LabelAgreement
  public var divergence: Divergence?
  public var isolation: Isolation
  /// What verify found on the localised layer, if anything (`"BN epsilon 0.001 vs 1e-05"`).
  public var cause: String?

  public init(input: Int, label: LabelAgreement, divergence: Divergence?, isolation: Isolation, cause: String? = nil) {
    self.input = input
    self.label = label
    self.divergence = divergence
    self.isolation = isolation
    self.cause = cause
  }
}
