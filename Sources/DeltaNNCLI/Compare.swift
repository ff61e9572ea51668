import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  /// `deltann diff`: two recorded activation sets, layer by layer.
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "Compare two recorded activation sets layer by layer: deltann diff keras.npz tf2onnx.ort.npz",
      discussion: """
        Each .npz needs its JSON sidecar, as the framework helpers and `deltann run --out` write \
        it (the recordings in golden/, those `deltann localize --source` makes).
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
        let progress = ProgressDisplay()
        let outcome = try diffRecordings(reference: URL(fileURLWithPath: reference), candidate: URL(fileURLWithPath: candidate),
                                         map: map.map { URL(fileURLWithPath: $0) }, tolerances: tolerance.tolerances,
                                         report: report.map { URL(fileURLWithPath: $0) }, force: force) { progress.update("diff", $0, $1) }
        print(outcome.pair.summary)
        if outcome.reportFiles.count > 1 { print("report: \(outcome.reportFiles[1].path)") }
        status = outcome.pair.divergentInputs.isEmpty ? 0 : 1
      } catch {
        status = reportFailure(error, debug: debugOption)
      }
      if status != 0 { throw ExitCode(status) }
    }
  }
}
