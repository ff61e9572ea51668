import ArgumentParser
import DeltaNN

/// How close is close enough, shared by `diff` and `localize`.
struct ToleranceOptions: ParsableArguments {
  @Option(help: "Absolute tolerance of the out-of-tolerance count reported per layer (an element counts only where both tolerances are exceeded); --threshold decides divergence.")
  var atol: Float = Comparison.defaultAtol

  @Option(help: "Relative tolerance of the out-of-tolerance count reported per layer.")
  var rtol: Float = Comparison.defaultRtol

  @Option(help: "A layer diverges when its max-abs error exceeds this fraction of the reference's value range.")
  var threshold: Float = Comparison.defaultThreshold

  var tolerances: Tolerances { Tolerances(threshold: threshold, atol: atol, rtol: rtol) }

  func validate() throws {
    guard atol >= 0, rtol >= 0, threshold > 0 else {
      throw ValidationError("Tolerances must be non-negative and --threshold positive, e.g. --threshold 1e-4.")
    }
  }
}
