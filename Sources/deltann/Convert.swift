import ArgumentParser
import Foundation
import Importers
import Lowering
import ModelFormats
import ModelGraph

extension DeltaNN {
  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "deltann convert model.keras --to onnx -o model.onnx: convert a Keras model to ONNX.",
      discussion: """
        Reads a Keras 3 .keras archive or a legacy .h5 file (Keras 3 or tf.keras 2) and writes \
        ONNX (opset 17) that passes libonnx's checker. Every ONNX node records the Keras layer it \
        came from; each layer's output tensor is named after the layer. The ONNX input is NCHW \
        unless --keep-nhwc.
        """)

    enum Target: String, ExpressibleByArgument, CaseIterable { case onnx }

    @Argument(help: "The model: .keras or .h5.")
    var model: String

    @Option(name: .long, help: "Output format.")
    var to: Target = .onnx

    @Option(name: .shortAndLong, help: "Output file.")
    var output: String

    @Option(name: .long, help: "ONNX opset (17).")
    var opset: Int = 17

    @Flag(name: .long, help: "Fold BatchNormalization into the preceding convolution.")
    var foldBatchnorm = false

    @Flag(name: .long, help: "Keep Keras' NHWC input/output layout (a Transpose after the input), as tf2onnx does.")
    var keepNhwc = false

    @Flag(name: .long, help: "Overwrite the output file if it exists.")
    var force = false

    func validate() throws {
      guard Importers.supportedExtensions.contains(URL(fileURLWithPath: model).pathExtension.lowercased()) else {
        throw ValidationError("'\(model)' is not a model this tool converts; give a \(Importers.supportedExtensions.map { ".\($0)" }.joined(separator: ", ")) file.")
      }
      guard force || !FileManager.default.fileExists(atPath: output) else {
        throw ValidationError("'\(output)' exists; pass --force to overwrite it.")
      }
    }

    static func convert(_ input: URL, to out: URL, options: LoweringOptions, force: Bool, progress: StageProgress) throws -> ConversionSummary {
      var summary = ConversionSummary()
      progress.stage("reading \(input.lastPathComponent)")
      let source = try Importers.importModel(at: input)
      summary.layers = Set(source.nodes.map { $0.provenance?.sourceLayer ?? $0.name }).count
      summary.parameters = source.initializers.values.reduce(0) { $0 + $1.elementCount }
      progress.stage("lowering \(summary.layers) layers to ONNX opset \(options.opset)")
      let lowered = try Lowering.lower(source, file: input.path, options: options)
      summary.nodes = lowered.graph.nodes.count
      progress.stage("writing \(out.lastPathComponent)")
      try ONNXFile.write(lowered, to: out, force: force)
      return summary
    }

    func run() throws {
      let progress = StageProgress()
      let start = Date()
      let input = URL(fileURLWithPath: model), out = URL(fileURLWithPath: output)
      let options = LoweringOptions(opset: opset, foldBatchNorm: foldBatchnorm, keepNHWC: keepNhwc)
      var summary: ConversionSummary
      do {
        // In a function of its own so the graphs are freed before the checker reads the file.
        summary = try Self.convert(input, to: out, options: options, force: force, progress: progress)
      } catch {
        progress.end()
        throw ExitCode(reportFailure(error))
      }
      progress.stage("checking with libonnx")
      let verdict = ONNXChecker.check(file: out)
      progress.end()
      if case .invalid(let why) = verdict {
        try? FileManager.default.removeItem(at: out)
        throw ExitCode(reportFailure(CheckerRejected(file: out.path, reason: why)))
      }
      summary.seconds = Date().timeIntervalSince(start)
      summary.bytes = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
      print("\(input.lastPathComponent) → \(out.path): \(summary.layers) layers, \(summary.nodes) ONNX nodes, "
        + "\(summary.parameters) parameters, \(summary.bytes / 1024) KiB, \(String(format: "%.2f", summary.seconds)) s, "
        + "checker: \(verdict.status)")
    }
  }
}

struct ConversionSummary {
  var layers = 0, nodes = 0, parameters = 0, bytes = 0
  var seconds = 0.0
}

/// Stage lines: rewritten in place on a terminal, one line each otherwise.
final class StageProgress {
  let tty = isatty(STDERR_FILENO) != 0
  var started = Date()
  var current: String?

  func stage(_ text: String) {
    finishLine()
    current = text
    started = Date()
    if tty { FileHandle.standardError.write(Data("\u{1B}[2K\r… \(text)".utf8)) }
  }

  func end() { finishLine(); current = nil }

  private func finishLine() {
    guard let current else { return }
    let line = "\(current) (\(String(format: "%.2f", Date().timeIntervalSince(started))) s)"
    FileHandle.standardError.write(Data(((tty ? "\u{1B}[2K\r" : "") + line + "\n").utf8))
  }
}


/// The written model failed libonnx's checker (a bug of ours: every rule emits valid ONNX).
struct CheckerRejected: Error, CustomStringConvertible {
  var file: String
  var reason: String
  var description: String { "\(file): the converted model fails libonnx's checker, so it was not kept: \(reason)" }
}
