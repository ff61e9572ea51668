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
        Each .npz needs its JSON sidecar, as the framework helpers write it (the recordings in \
        golden/, or those `deltann localize --source` makes); `deltann run` writes none.
        Tensors align by verify's node map (--map), else by name; unaligned tensors are listed.
        Exit status: 0 when every input keeps its top-1 label, 1 when some change, 2 on error.
        """)

    @Argument(help: "Reference activations (.npz with a .json sidecar).") var reference: String
    @Argument(help: "Candidate activations (.npz with a .json sidecar).") var candidate: String
    @Option(help: "Layer → candidate tensor map (JSON), e.g. from `deltann verify --map`.") var map: String?
    @Option(help: "Write report.json, report.html and Model Explorer node data into this folder.") var report: String?
    @Flag(help: "Replace an existing report folder.") var force = false
    @OptionGroup var tolerance: ToleranceOptions

    @OptionGroup var debugOption: DebugOption

    func run() throws {
      let status: Int32
      do {
        let ref = try RecordedActivations(npz: URL(fileURLWithPath: reference))
        let cand = try RecordedActivations(npz: URL(fileURLWithPath: candidate))
        let alignment = Alignment(reference: ref.entries, recorded: cand.entries, map: try LayerMap.read(map))
        let names = (URL(fileURLWithPath: reference).lastPathComponent, URL(fileURLWithPath: candidate).lastPathComponent)
        let progress = ProgressDisplay()
        let pair = try compareRecordings(reference: ref, candidate: cand, alignment: alignment, names: names,
                                         policy: tolerance.policy, atol: tolerance.atol, rtol: tolerance.rtol,
                                         progress: { progress.update("diff", $0, $1) })
        print(pair.summary)
        if let report {
          let files = try writePairReport(pair, alignment: alignment, source: reference, to: report, force: force)
          print("report: \(files[1].path)")
        }
        status = pair.divergentInputs.isEmpty ? 0 : 1
      } catch {
        status = reportFailure(error, debug: debugOption)
      }
      if status != 0 { throw ExitCode(status) }
    }
  }
}
