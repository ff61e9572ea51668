import ArgumentParser
import Foundation

@main
struct DeltaNN: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deltann",
    abstract: "Convert Keras and PyTorch models to ONNX and TVM, verify conversions, and pinpoint the layer where a conversion changes predictions.",
    version: "0.1.0",
    subcommands: [
      // One per line, in the order users meet them.
      Convert.self,
      Verify.self,
      Compare.self,
      Localize.self,
      Inspect.self,
      PipelineCommand.self,
      Run.self,
      Bench.self,
    ]
  )

  /// Runs the command, with bad usage (a missing argument, an invalid value, a failed
  /// `validate()`) exiting with 2 as bad input does (README, "Exit status"), not 64.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}
