import Foundation
import Importers
import Lowering
import ModelFormats
import ModelGraph

/// What a conversion made: counts for the summary line and the checker's verdict.
public struct ConversionSummary: Sendable, Codable, Hashable {
  public var layers = 0, nodes = 0, parameters = 0, bytes = 0
  public var seconds = 0.0
  public var checker = ""
}

/// Source model → ONNX file: import, lower, libonnx's checker on the graph (weights as typed
/// inputs, so neither serialized nor parsed twice), write (temp + rename); with `fullCheck` the
/// checker also reads the written file. A model the checker rejects is never left behind.
public enum Conversion {
  public static func run(_ input: URL, to out: URL, options: LoweringOptions, force: Bool, fullCheck: Bool = false,
                         stage: (String) -> Void = { _ in }) throws -> ConversionSummary {
    let start = Date()
    var summary = try lowerAndWrite(input, to: out, options: options, force: force, stage: stage)
    if fullCheck {
      stage("checking the written file with libonnx")
      let verdict = ONNXChecker.check(file: out)
      if case .invalid(let why) = verdict {
        try? FileManager.default.removeItem(at: out)
        throw PipelineError.checkerRejected(file: out.path, reason: why)
      }
      summary.checker = verdict.status
    }
    summary.seconds = Date().timeIntervalSince(start)
    summary.bytes = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
    return summary
  }

  /// In a function of its own so the graphs are freed before a full check reads the file.
  private static func lowerAndWrite(_ input: URL, to out: URL, options: LoweringOptions, force: Bool,
                                    stage: (String) -> Void) throws -> ConversionSummary {
    var summary = ConversionSummary()
    stage("reading \(input.lastPathComponent)")
    let source = try Importers.importModel(at: input)
    summary.layers = Set(source.nodes.map { $0.provenance?.sourceLayer ?? $0.name }).count
    summary.parameters = source.initializers.values.reduce(0) { $0 + $1.elementCount }
    stage("lowering \(summary.layers) layers to ONNX opset \(options.opset)")
    let lowered = try Lowering.lower(source, file: input.path, options: options)
    summary.nodes = lowered.graph.nodes.count
    stage("checking with libonnx")
    let verdict = ONNXChecker.checkStructure(lowered)
    if case .invalid(let why) = verdict { throw PipelineError.checkerRejected(file: out.path, reason: why) }
    summary.checker = verdict.status
    stage("writing \(out.lastPathComponent)")
    try ONNXFile.write(lowered, to: out, force: force)
    return summary
  }
}
