import Foundation
import ModelFormats
import Verify

/// `mutate`: injects one conversion fault taken from real converter bugs into a copy of an ONNX
/// model, for demonstrations and for testing the tool itself. Arguments: `model`, `output`,
/// `fault` (a `FaultKind`, e.g. `bn-epsilon-changed`), optional `site` (0-based index among the
/// places the fault fits, spread over the model; default 0).
struct MutateStep: PipelineStep {
  static let kind = "mutate"
  static let parameters: [StepParameter] = [.input("model", required: true), .output("output", required: true), .fault,
                                            .number("site")]

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    let name = try a.string("fault")
    guard let fault = FaultKind(rawValue: name) else {
      throw PipelineError.argument(step: a.step, name: "fault", expected: "must be one of \(FaultKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let site = Int(a.optional("site") ?? "0") ?? -1
    let model = try ONNXFile.read(try a.url("model"))
    let mutants = Mutations.inject(fault, into: model, limit: max(site + 1, 1))
    guard site >= 0, site < mutants.count else {
      throw PipelineError.argument(step: a.step, name: "site", expected: "must be below \(mutants.count), the number of places \(name) fits in this model")
    }
    let mutant = mutants[site]
    let out = try a.url("output")
    try ONNXFile.write(mutant.model, to: out, force: true)
    return StepResult(status: .passed, summary: "injected \(name) at layer \(mutant.layer) (node \(mutant.node)): \(mutant.detail)",
                      facts: ["fault": name, "layer": mutant.layer, "node": mutant.node], outputs: [out.path])
  }
}
