import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Summarize an ONNX model: `deltann inspect model.onnx [--json]`.",
      discussion: """
        Prints IR version, producer, opsets, inputs and outputs, an op histogram, parameter \
        count and bytes, the largest tensors, libonnx's checker verdict and the result of \
        shape inference. --json prints the same as stable JSON (docs/inspect-json.md). \
        Exit status: 0 when the model was read, 2 when the file cannot be read as an ONNX model.
        """)

    @Argument(help: "The .onnx file to inspect.")
    var model: String

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @OptionGroup var debugOption: DebugOption

    func run() throws {
      let inspection: Inspection
      do {
        inspection = try Inspection.of(URL(fileURLWithPath: model))
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
      print(json ? inspection.json() : inspection.text)
    }
  }
}
