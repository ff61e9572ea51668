import Diff
import Foundation

/// `diff`: two recorded activation sets (`deltann diff`). Arguments: `reference`, `candidate`
/// (.npz with sidecars), optional `report`, `map`, `threshold`, `atol`, `rtol`.
struct DiffStep: PipelineStep {
  static let kind = "diff"
  static let parameters: [StepParameter] = [.input("reference", required: true), .input("candidate", required: true),
                                            .output("report"), .input("map")] + StepParameter.tolerances

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let reference = try RecordedActivations(npz: try a.url("reference"))
    let candidate = try RecordedActivations(npz: try a.url("candidate"))
    let alignment = Alignment(reference: reference.entries, recorded: candidate.entries, map: try LayerMap.read(a.optional("map")))
    let pair = try compareRecordings(
      reference: reference, candidate: candidate, alignment: alignment,
      names: (try a.url("reference").lastPathComponent, try a.url("candidate").lastPathComponent),
      policy: .rangeRelative(maximum: try a.float("threshold", default: Comparison.defaultThreshold)),
      atol: try a.float("atol", default: Comparison.defaultAtol), rtol: try a.float("rtol", default: Comparison.defaultRtol),
      progress: progress)
    var outputs: [String] = []
    if let folder = a.optional("report") {
      outputs = try writePairReport(pair, alignment: alignment, source: try a.string("reference"), to: folder, force: true).map(\.path)
    }
    return pair.stepResult(outputs: outputs)
  }
}
