import Backends
import Diff
import Foundation

/// `localize` for the pairs of a label-difference matrix that disagree. Every such pair has a side
/// whose top-1 labels differ from the source framework's (labels that both equal the source's
/// equal each other), so localising each environment that disagrees with the source — its model
/// form against the source model, on the same inputs, in the backend that ran it — explains every
/// disagreeing pair. The source's capture is recorded once and shared.
struct DisagreementLocalization {
  /// What a recording's sidecar says about the run that made it.
  struct Recording: Decodable {
    struct TVM: Decodable { var opt_level: Int }
    var framework: String
    var model: String
    var inputs: String
    var tvm: TVM?
  }

  /// The source framework's run (its name in the matrix and its sidecar).
  var reference: (name: String, recording: Recording)
  /// Where the reports go: `<folder>/<environment>/report.html`.
  var folder: URL

  /// Each environment that disagrees with the source and the report of its localisation, or why
  /// it has none.
  func run(_ matrix: LabelMatrix, runs: [(name: String, recording: Recording)]) -> [(name: String, outcome: Result<URL, any Error>)] {
    var shared: URL?
    var outcomes: [(String, Result<URL, any Error>)] = []
    for run in runs where run.name != reference.name && (matrix.pair(reference.name, run.name)?.top1DifferenceRate ?? 0) > 0 {
      outcomes.append((run.name, Result { try localize(run.name, run.recording, shared: &shared) }))
    }
    return outcomes
  }

  private func localize(_ name: String, _ candidate: Recording, shared: inout URL?) throws -> URL {
    let choice: BackendChoice
    switch candidate.framework {
    case "interpreter": choice = .interpreter
    case "onnxruntime": choice = .onnxruntime
    case "tvm": choice = .tvm
    default:
      throw PipelineError.argument(step: "compare", name: name,
                                   expected: "is a \(candidate.framework) run of a source model, not a conversion: nothing to localise")
    }
    let request = try LocalizationRequest(
      reference: shared, source: URL(fileURLWithPath: reference.recording.model), candidate: URL(fileURLWithPath: candidate.model),
      inputs: URL(fileURLWithPath: reference.recording.inputs), backend: choice, threads: Environment.threads,
      optLevel: choice == .tvm ? candidate.tvm?.opt_level ?? 0 : nil,
      workFolder: folder.appendingPathComponent(shared == nil ? "source" : "\(name).work"))
    let result = try request.run { _, _, _ in }
    if shared == nil {
      let recorded = request.workFolder.appendingPathComponent("\(reference.recording.framework).npz")
      if FileManager.default.fileExists(atPath: recorded.path) { shared = recorded }
    }
    let pages = try writePairReport(result.pair, alignment: result.alignment, source: reference.recording.model,
                                    inputs: result.inputNames, findings: result.findings,
                                    to: folder.appendingPathComponent(name).path, force: true)
    guard let page = pages.first(where: { $0.pathExtension == "html" }) else {
      preconditionFailure("writePairReport writes report.html")
    }
    return page
  }
}
