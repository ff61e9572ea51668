import ArgumentParser
import Diff

/// How close is close enough, shared by `diff` and `localize`.
struct ToleranceOptions: ParsableArguments {
  @Option(help: "Absolute tolerance of the elementwise check (an element fails only where both tolerances are exceeded).")
  var atol: Float = 1e-5

  @Option(help: "Relative tolerance of the elementwise check.")
  var rtol: Float = 1e-5

  @Option(help: "A layer diverges when its max-abs error exceeds this fraction of the reference's value range.")
  var threshold: Float = 1e-4

  var policy: Comparison { .rangeRelative(maximum: threshold) }

  func validate() throws {
    guard atol >= 0, rtol >= 0, threshold > 0 else {
      throw ValidationError("Tolerances must be non-negative and --threshold positive, e.g. --threshold 1e-4.")
    }
  }
}
