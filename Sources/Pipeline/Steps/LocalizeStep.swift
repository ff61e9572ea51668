import Diff
import Foundation
import ModelFormats

/// `localize`: a candidate ONNX model against recorded reference activations (`deltann localize`).
/// Arguments: `reference` (.npz), `candidate` (.onnx), optional `report` folder, `map`, `threshold`,
/// `atol`, `rtol`.
struct LocalizeStep: PipelineStep {
  static let kind = "localize"

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let reference = try RecordedActivations(npz: try a.url("reference"))
    let candidate = try a.url("candidate")
    var localizer = try Localizer(reference: reference, candidate: try ONNXFile.read(candidate),
                                  names: (try a.url("reference").lastPathComponent, candidate.lastPathComponent),
                                  map: try LayerMap.read(a.optional("map")))
    localizer.policy = .rangeRelative(maximum: try a.float("threshold", default: 1e-4))
    localizer.atol = try a.float("atol", default: 1e-5)
    localizer.rtol = try a.float("rtol", default: 1e-5)
    let pair = try localizer.analyse(progress: progress)
    var outputs: [String] = []
    if let folder = a.optional("report") {
      outputs = try writePairReport(pair, alignment: localizer.alignment, source: try a.string("reference"),
                                    to: folder, force: true).map(\.path)
    }
    return pair.stepResult(outputs: outputs)
  }
}

extension PairReport {
  /// The step verdict of a comparison: flagged when any input changes its top-1 label.
  func stepResult(outputs: [String]) -> StepResult {
    var facts = ["inputs": "\(inputs)", "label_difference_rate": "\(labelDifferenceRate)",
                 "layers_flagged": "\(layers.filter { $0.flaggedInputs > 0 }.count)"]
    if let (layer, count) = mostLocalised {
      facts["localised_layer"] = layer
      facts["localised_inputs"] = "\(count)"
      facts["isolation"] = divergentInputs.first { $0.divergence?.layer == layer }?.isolation.rawValue
    }
    return StepResult(status: divergentInputs.isEmpty ? .passed : .flagged, summary: summary, facts: facts, outputs: outputs)
  }
}
