import Backends
import Diff
import Foundation
import ModelFormats

/// `localize`: a candidate ONNX model against a reference (`deltann localize`). Arguments:
/// `candidate` (.onnx); `reference` (.npz) or `source` (model) with `inputs`; optional
/// `preprocessing`, `backend`, `report` folder, `map`, `threshold`, `atol`, `rtol`.
struct LocalizeStep: PipelineStep {
  static let kind = "localize"
  static let parameters: [StepParameter] = [
    .input("candidate", required: true), .input("reference"), .input("source"), .input("inputs"), .preprocessing,
    .environment, .output("report"), .input("map"),
  ] + StepParameter.tolerances

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let candidate = try a.url("candidate")
    let report = a.optional("report")
    if let report { try ReportDestination.check(report, force: true) }
    let choice = try a.optional("backend").map { name in
      guard let choice = BackendChoice(rawValue: name), BackendChoice.candidates.contains(choice) else {
        throw PipelineError.argument(step: a.step, name: "backend", expected: "must be one of \(BackendChoice.candidates.map(\.rawValue))")
      }
      return choice
    } ?? .interpreter
    let source = a.optional("source").map { URL(fileURLWithPath: $0) }
    let reference = a.optional("reference").map { URL(fileURLWithPath: $0) }
    var request = try LocalizationRequest(
      reference: reference, source: source, candidate: candidate, inputs: a.optional("inputs").map { URL(fileURLWithPath: $0) },
      backend: choice, workFolder: URL(fileURLWithPath: (report ?? candidate.deletingPathExtension().path) + ".work"))
    if let name = a.optional("preprocessing") {
      guard let p = Preprocessing(rawValue: name) else {
        throw PipelineError.argument(step: a.step, name: "preprocessing", expected: "must be one of \(Preprocessing.allCases.map(\.rawValue))")
      }
      request.preprocessing = p
    }
    request.map = try LayerMap.read(a.optional("map"))
    request.policy = .rangeRelative(maximum: try a.float("threshold", default: Comparison.defaultThreshold))
    request.atol = try a.float("atol", default: Comparison.defaultAtol)
    request.rtol = try a.float("rtol", default: Comparison.defaultRtol)
    let result = try request.run { _, done, total in progress(done, total) }
    var outputs: [String] = []
    if let report {
      outputs = try writePairReport(result.pair, alignment: result.alignment, source: a.optional("reference") ?? a.optional("source") ?? "",
                                    preprocessing: request.preprocessing?.rawValue, inputs: result.inputNames,
                                    findings: result.findings, to: report, force: true).map(\.path)
    }
    return result.pair.stepResult(outputs: outputs)
  }
}

extension PairReport {
  /// The step verdict of a comparison: flagged when any input changes its top-1 label.
  func stepResult(outputs: [String]) -> StepResult {
    var facts = ["inputs": "\(inputs)", "label_difference_rate": "\(labelDifferenceRate)",
                 "layers_flagged": "\(layers.filter { $0.flaggedInputs > 0 }.count)"]
    if let first = firstDivergentLayer {
      facts["localised_layer"] = first.layer
      facts["localised_inputs"] = "\(first.count)"
      facts["label_changed"] = "\(first.labelChanged)"
      facts["isolation"] = isolation(at: first.layer)?.rawValue
    }
    let flagged = !divergentInputs.isEmpty || !numericallyDivergentInputs.isEmpty
    return StepResult(status: flagged ? .flagged : .passed, summary: summary, facts: facts, outputs: outputs)
  }
}
