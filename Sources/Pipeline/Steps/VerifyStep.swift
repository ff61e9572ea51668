import Foundation
import ModelFormats
import Verify

/// `verify`: structural equivalence of a conversion with its source (`deltann verify`).
/// Arguments: `source` (.keras, .h5, .pt2, .onnx), `candidate` (.onnx), optional `map` (node map
/// JSON to write) and `json` (full report to write); an existing file there is replaced only when
/// it is an earlier such output or with `force: "true"`.
struct VerifyStep: PipelineStep {
  static let kind = "verify"
  static let parameters: [StepParameter] = [.input("source", required: true), .input("candidate", required: true),
                                            .output("map"), .output("json")]

  static func run(_ a: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult {
    var options = VerifyOptions()
    options.sourceName = try a.string("source")
    options.candidateName = try a.string("candidate")
    let report = try Verifier.verify(source: try SourceModel.load(try a.url("source")),
                                 candidate: try ONNXFile.read(try a.url("candidate")), options: options)
    var outputs: [String] = []
    if let map = a.optional("map") {
      try StepOutput.write(try report.mapJSONData(), to: map, schema: "deltann.verify.map/", arguments: a)
      outputs.append(map)
    }
    if let json = a.optional("json") {
      try StepOutput.write(try report.jsonData(), to: json, schema: "deltann.verify/", arguments: a)
      outputs.append(json)
    }
    return StepResult(
      status: report.verdict == .notEquivalent ? .flagged : .passed, summary: report.text(limit: 5),
      facts: ["verdict": report.verdict.rawValue, "findings": "\(report.findings.count)", "rewrites": "\(report.rewrites.count)"],
      outputs: outputs)
  }
}
