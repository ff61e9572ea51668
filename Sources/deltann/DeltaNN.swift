import ArgumentParser

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
}
