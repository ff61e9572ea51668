import Diff
import Foundation
import ModelFormats
import Verify

/// `compare`: the label-difference matrix of several environments' runs of one model on the same
/// inputs (`LabelMatrix`). Arguments: `runs` (`name=recording.npz, …`, each with its JSON
/// sidecar naming the model output), optional `output` (the matrix as JSON), `localize` (the run
/// of the source framework: every environment whose top-1 labels differ from it is localised,
/// `DisagreementLocalization`) and `reports` (their folder). Flagged when any two environments
/// disagree on a top-1 label.
struct CompareStep: PipelineStep {
  static let kind = "compare"
  static let parameters: [StepParameter] = [.init(name: "runs", role: .namedInputs, required: true), .output("output"),
                                            .init(name: "localize", role: .text), .output("reports")]

  /// The sidecar's list of model outputs.
  private struct Sidecar: Decodable { var outputs: [String] }

  private static func sidecar(_ path: String) -> URL { URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("json") }

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let runs = StepParameter.named(try a.string("runs"))
    guard runs.count >= 2 else { throw PipelineError.argument(step: a.step, name: "runs", expected: "names at least two environments") }
    var scores: [(name: String, rows: [[Float]])] = []
    for (n, run) in runs.enumerated() {
      progress(n, runs.count)
      let url = URL(fileURLWithPath: run.path)
      let recording = try RecordedActivations(npz: url)
      let sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: sidecar(run.path)))
      guard let output = sidecar.outputs.first else {
        throw PipelineError.argument(step: a.step, name: run.name, expected: "names its model output in \(url.lastPathComponent)'s sidecar")
      }
      let rows = try (0..<recording.inputCount).map { try recording.tensor(output, input: $0).floats() ?? [] }
      scores.append((run.name, rows))
    }
    let matrix = try LabelMatrix(scores: scores)
    var outputs: [String] = []
    if let path = a.optional("output") {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try StagedFile.write(try encoder.encode(matrix), to: URL(fileURLWithPath: path), force: true)
      outputs.append(path)
    }
    let worst = matrix.pairs.max { $0.top1DifferenceRate < $1.top1DifferenceRate }
    var facts = ["environments": "\(runs.count)", "inputs": "\(scores[0].rows.count)"]
    facts["max_top1_difference_rate"] = worst.map { "\($0.top1DifferenceRate)" }
    facts["max_top5_difference_rate"] = matrix.pairs.map(\.top5DifferenceRate).max().map { "\($0)" }
    var summary = matrix.table
    if let source = a.optional("localize") {
      guard let reports = a.optional("reports") else {
        throw PipelineError.argument(step: a.step, name: "reports", expected: "is required with localize (the reports' folder)")
      }
      let recordings = try runs.map { run in
        (name: run.name, recording: try JSONDecoder().decode(DisagreementLocalization.Recording.self, from: Data(contentsOf: sidecar(run.path))))
      }
      guard let reference = recordings.first(where: { $0.name == source }) else {
        throw PipelineError.argument(step: a.step, name: "localize", expected: "names one of the runs (\(runs.map(\.name).joined(separator: ", "))), found '\(source)'")
      }
      facts["source"] = source
      let localization = DisagreementLocalization(reference: reference, folder: URL(fileURLWithPath: reports))
      for (name, outcome) in localization.run(matrix, runs: recordings) {
        switch outcome {
        case .success(let page):
          facts["localization.\(name)"] = page.path
          outputs.append(page.path)
          summary += "\nlocalised \(name) against \(source): \(page.path)"
        case .failure(let error):
          facts["localization_failed.\(name)"] = "\(error)"
          summary += "\nnot localised \(name) against \(source): \(error)"
        }
      }
    }
    return StepResult(status: (worst?.top1DifferenceRate ?? 0) > 0 ? .flagged : .passed, summary: summary, facts: facts,
                      outputs: outputs)
  }
}
