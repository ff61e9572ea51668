import ArgumentParser
import Diff
import Foundation

extension DeltaNN {
  /// `deltann diff`: two recorded activation sets, layer by layer.
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "Compare two recorded activation sets layer by layer: deltann diff keras.npz tf2onnx.ort.npz",
      discussion: """
        Each .npz needs its JSON sidecar (as written by `deltann run` or the framework helpers).
        Tensors align by verify's node map (--map), else by name; unaligned tensors are listed.
        Exit status: 0 when every input keeps its top-1 label, 1 when some change, 2 on error.
        """)

    @Argument(help: "Reference activations (.npz with a .json sidecar).") var reference: String
    @Argument(help: "Candidate activations (.npz with a .json sidecar).") var candidate: String
    @Option(help: "Layer → candidate tensor map (JSON), e.g. from `deltann verify --map`.") var map: String?
    @Option(help: "Write report.json, report.html and Model Explorer node data into this folder.") var report: String?
    @Flag(help: "Replace an existing report folder.") var force = false
    @OptionGroup var tolerance: ToleranceOptions

    func run() throws {
      let status: Int32
      do {
        let ref = try RecordedActivations(npz: URL(fileURLWithPath: reference))
        let cand = try RecordedActivations(npz: URL(fileURLWithPath: candidate))
        let alignment = Alignment(reference: ref.entries, recorded: cand.entries, map: try readLayerMap(map))
        let names = (URL(fileURLWithPath: reference).lastPathComponent, URL(fileURLWithPath: candidate).lastPathComponent)
        let progress = ProgressLine("diff")
        let pair = try compareRecordings(reference: ref, candidate: cand, alignment: alignment, names: names,
                                         policy: tolerance.policy, atol: tolerance.atol, rtol: tolerance.rtol,
                                         progress: progress.update)
        print(summary(pair))
        if let report {
          try writePairReport(pair, alignment: alignment, source: reference, to: report, force: force)
        }
        status = pair.divergentInputs.isEmpty ? 0 : 1
      } catch {
        status = reportFailure(error)
      }
      if status != 0 { throw ExitCode(status) }
    }
  }
}

/// The few lines a person reads first: label agreement, where divergence starts, what is unaligned.
func summary(_ pair: PairReport) -> String {
  var lines = ["\(pair.candidate) vs \(pair.reference): \(pair.inputs) inputs, \(pair.layers.count) aligned layers"]
  lines.append("  top-1 label differs on \(pair.divergentInputs.count) of \(pair.inputs) inputs (\(String(format: "%.1f", pair.labelDifferenceRate * 100))%)")
  let flagged = pair.layers.filter { $0.flaggedInputs > 0 }
  lines.append("  layers out of tolerance: \(flagged.count)\(flagged.first.map { ", first: \($0.layer) (depth \($0.depth), \($0.op))" } ?? "")")
  if let (layer, count) = pair.mostLocalised {
    let isolation = pair.divergentInputs.first { $0.divergence?.layer == layer }?.isolation.rawValue ?? ""
    lines.append("  divergence starts at: \(layer) (\(count) of \(pair.divergentInputs.count) divergent inputs; \(isolation))")
  }
  if let top = pair.suspicion.first(where: \.significant) {
    lines.append("  most suspicious layer (Kruskal–Wallis): \(top.layer), p = \(String(format: "%.3g", top.p))")
  }
  if !pair.unaligned.isEmpty { lines.append("  unaligned reference tensors: \(pair.unaligned.count) (listed in the report)") }
  return lines.joined(separator: "\n")
}
