import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "deltann convert model.keras --to onnx -o model.onnx: convert a Keras or PyTorch model to ONNX or TVM.",
      discussion: """
        Reads a Keras 3 .keras archive, a legacy .h5 file (Keras 3 or tf.keras 2) or a PyTorch \
        .pt2 archive (torch.export.save; training or core ATen IR) and writes ONNX (opset 17) \
        that passes libonnx's checker (run on the graph before writing, weights as typed inputs; \
        --full-check also checks the written file). Every ONNX node records the layer it came \
        from (the Keras layer; the PyTorch module path and FX node); each layer's (FX node's) \
        output tensor is named after it. The ONNX input is NCHW; Keras models can keep NHWC \
        with --keep-nhwc. With --to tvm, -o names a folder that receives module.py (Relax \
        TVMScript, every binding named after its source layer), params.npz (the weights, parameters \
        of main) and provenance.json; .onnx inputs are accepted there too.
        """)

    enum Target: String, ExpressibleByArgument, CaseIterable { case onnx, tvm }

    @Argument(help: "The model: .keras, .h5 or .pt2 (with --to tvm also .onnx).")
    var model: String

    @Option(name: .long, help: "Output format.")
    var to: Target = .onnx

    @Option(name: .shortAndLong, help: "Output file (ONNX) or folder (TVM).")
    var output: String

    @Option(name: .long, help: "ONNX opset (17).")
    var opset: Int = 17

    @Flag(name: .long, help: "Fold BatchNormalization into the preceding convolution.")
    var foldBatchnorm = false

    @Flag(name: .long, help: "Keep Keras' NHWC input/output layout (a Transpose after the input), as tf2onnx does.")
    var keepNhwc = false

    @Flag(name: .long, help: "Overwrite the output file if it exists.")
    var force = false

    @Flag(name: .long, help: "Also run libonnx's checker on the written file, weights included (slower: it parses the whole file).")
    var fullCheck = false

    @OptionGroup var debugOption: DebugOption

    func validate() throws {
      let accepted = Importers.supportedExtensions + (to == .tvm ? ["onnx"] : [])
      guard accepted.contains(URL(fileURLWithPath: model).pathExtension.lowercased()) else {
        throw ValidationError("'\(model)' is not a model this tool converts; give a \(accepted.map { ".\($0)" }.joined(separator: ", ")) file.")
      }
      if keepNhwc && URL(fileURLWithPath: model).pathExtension.lowercased() == "pt2" {
        throw ValidationError("--keep-nhwc applies to Keras models; a PyTorch model is NCHW already, so drop the flag.")
      }
      guard force || !FileManager.default.fileExists(atPath: output) else {
        throw ValidationError("'\(output)' exists; pass --force to overwrite it.")
      }
    }

    func run() throws {
      let progress = ProgressDisplay()
      let options = LoweringOptions(opset: opset, foldBatchNorm: foldBatchnorm, keepNHWC: keepNhwc)
      let input = URL(fileURLWithPath: model), out = URL(fileURLWithPath: output)
      if to == .tvm { return try runTVM(input, out, options, progress) }
      let summary: ConversionSummary
      do {
        summary = try Conversion.run(input, to: out, options: options, force: force, fullCheck: fullCheck, stage: progress.stage)
        progress.end()
      } catch {
        progress.end()
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
      print("\(input.lastPathComponent) → \(out.path): \(summary.layers) layers, \(summary.nodes) ONNX nodes, "
        + "\(summary.parameters) parameters, \(summary.bytes / 1024) KiB, \(String(format: "%.2f", summary.seconds)) s, "
        + "checker: \(summary.checker)")
    }
  }
}

extension DeltaNN.Convert {
  func runTVM(_ input: URL, _ out: URL, _ options: LoweringOptions, _ progress: ProgressDisplay) throws {
    let summary: TVMConversionSummary
    do {
      summary = try TVMConversion.run(input, to: out, options: options, force: force, stage: progress.stage)
      progress.end()
    } catch {
      progress.end()
      throw ExitCode(reportFailure(error, debug: debugOption))
    }
    print("\(input.lastPathComponent) → \(out.path)/: \(summary.nodes) ONNX nodes, \(summary.bindings) Relax bindings, "
      + "\(summary.parameters) weight parameters, \(String(format: "%.2f", summary.seconds)) s")
  }
}
