import Foundation
import Lowering

/// `convert`: a Keras or PyTorch model to ONNX or to a TVM folder (`deltann convert`). Arguments:
/// `model`, `output`, optional `to` (`onnx`, the default, or `tvm`), `fold_batchnorm` and
/// `keep_nhwc` (`true`/`false`).
struct ConvertStep: PipelineStep {
  static let kind = "convert"
  static let parameters: [StepParameter] = [.input("model", required: true), .output("output", required: true),
                                            .flag("fold_batchnorm"), .flag("keep_nhwc"),
                                            .init(name: "to", role: .choice(["onnx", "tvm"], noun: "form"))]

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let options = LoweringOptions(opset: 17, foldBatchNorm: a.optional("fold_batchnorm") == "true",
                                  keepNHWC: a.optional("keep_nhwc") == "true")
    let input = try a.url("model"), out = try a.url("output")
    if a.optional("to") == "tvm" {
      let s = try TVMConversion.run(input, to: out, options: options, force: true)
      return StepResult(
        status: .passed,
        summary: "\(input.lastPathComponent) → \(out.lastPathComponent)/: \(s.nodes) ONNX nodes, \(s.bindings) Relax bindings, \(s.parameters) parameters",
        facts: ["nodes": "\(s.nodes)", "bindings": "\(s.bindings)", "parameters": "\(s.parameters)"], outputs: [out.path])
    }
    let s = try Conversion.run(input, to: out, options: options, force: true)
    return StepResult(
      status: .passed,
      summary: "\(input.lastPathComponent) → \(out.lastPathComponent): \(s.layers) layers, \(s.nodes) ONNX nodes, \(s.parameters) parameters, checker: \(s.checker)",
      facts: ["layers": "\(s.layers)", "nodes": "\(s.nodes)", "parameters": "\(s.parameters)", "checker": s.checker],
      outputs: [out.path])
  }
}
