import Foundation
import Importers
import Lowering
import ModelFormats
import ModelGraph
import TVM

/// What a TVM conversion made: counts for the summary line.
public struct TVMConversionSummary: Sendable, Hashable {
  public var nodes = 0, bindings = 0, parameters = 0
  public var seconds = 0.0
}

/// Source model → TVM folder (`module.py`, `params.npz`, `provenance.json`): a Keras or PyTorch
/// model is imported and lowered to the ONNX dialect first; an `.onnx` file (shapes inferred by
/// libonnx, so reshapes can be spelled statically) is emitted as it is.
public enum TVMConversion {
  public static func run(_ input: URL, to out: URL, options: LoweringOptions, force: Bool,
                         stage: (String) -> Void = { _ in }) throws -> TVMConversionSummary {
    let start = Date()
    stage("reading \(input.lastPathComponent)")
    let graph: Graph
    if input.pathExtension.lowercased() == "onnx" {
      graph = try ONNXChecker.inferShapes(file: input, strict: false).graph
    } else {
      let source = try Importers.importModel(at: input)
      stage("lowering to the ONNX dialect")
      graph = try Lowering.lower(source, file: input.path, options: options).graph
    }
    stage("emitting Relax TVMScript")
    let module = try RelaxEmitter.emit(graph, file: input.path)
    stage("writing \(out.lastPathComponent)")
    try TVMForm.write(module, to: out, force: force)
    return TVMConversionSummary(nodes: graph.nodes.count, bindings: module.provenance.bindings.count,
                                parameters: module.parameters.count, seconds: Date().timeIntervalSince(start))
  }
}
