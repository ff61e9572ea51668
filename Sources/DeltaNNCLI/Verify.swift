import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "deltann verify model.keras model.onnx — tell whether a conversion is the same model as its source.",
      discussion: """
        Compares structure, attributes, hyper-parameters and weights without running anything. \
        SOURCE is .keras, .h5, .pt2 or .onnx; CONVERTED is an ONNX model (ours, tf2onnx's or torch.onnx's), \
        or a TVM form: our TVM folder (`convert --to tvm`), or with --tvm TVM's own import of an .onnx or .pt2, \
        or a Relax dataflow written by `deltann_converters relax-json` (.json, values in the .npz beside it). \
        A TVM form is read as TVM reads it, through the Python helper (Relax dataflow before any fusion). \
        Exit status: 0 equivalent (with or without rewrites), 1 not equivalent, 2 error.
        """)

    @Argument(help: "The source model (.keras, .h5, .pt2 or .onnx).")
    var source: String

    @Argument(help: "The converted model: ONNX, a TVM folder, or a relax-graph .json.")
    var converted: String

    @Flag(help: "Verify TVM's import of CONVERTED (.onnx or .pt2) instead of the file itself; a folder is always a TVM form.")
    var tvm = false

    @Option(help: "Write the full report as JSON here.")
    var json: String?

    @Option(help: "Write the node map (source layer → candidate nodes) as JSON here; a .txt file next to it gets the table.")
    var map: String?

    @Option(help: "Print findings for at most this many layers.")
    var limit: Int = 25

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @OptionGroup var debugOption: DebugOption

    func run() throws {
      let report: VerifyReport
      do {
        report = try verifyConversion(source: URL(fileURLWithPath: source), candidate: URL(fileURLWithPath: converted),
                                      json: json.map { URL(fileURLWithPath: $0) }, map: map.map { URL(fileURLWithPath: $0) },
                                      tvm: tvm, force: force)
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
      print(report.text(limit: limit))
      if report.verdict == .notEquivalent { throw ExitCode(1) }
    }
  }
}
