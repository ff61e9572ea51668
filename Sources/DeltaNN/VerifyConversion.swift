import Foundation

/// Verifies `candidate` against `source` (.keras, .h5, .pt2 or .onnx) without running either,
/// and writes the report (`json`) and the node map (`map`, with its table in a
/// `.txt` beside it) when asked. The candidate is an ONNX model, a TVM folder (`deltann convert
/// --to tvm`), a relax-graph `.json`, or with `tvm` TVM's own import of an `.onnx` or `.pt2`
/// (read through the TVM helper).
///
/// ```swift
/// let report = try verifyConversion(source: URL(fileURLWithPath: "model.keras"), candidate: URL(fileURLWithPath: "model.onnx"))
/// report.verdict  // .equivalent, .equivalentWithRewrites or .notEquivalent
/// ```
public func verifyConversion(source: URL, candidate: URL, json: URL? = nil, map: URL? = nil, tvm: Bool = false,
                             force: Bool = false) throws -> VerifyReport {
  let sourceGraph = try SourceModel.load(source)
  let model = try TVMCandidate.open(candidate, tvm: tvm)
  var options = VerifyOptions()
  options.sourceName = source.relativePath
  options.candidateName = candidate.relativePath
  let report = try Verifier.verify(source: sourceGraph, candidate: model, options: options)
  if let json { try StagedFile.write(try report.jsonData(), to: json, force: force) }
  if let map {
    try StagedFile.write(try report.mapJSONData(), to: map, force: force)
    try StagedFile.write(Data(report.mapTable().utf8), to: map.deletingPathExtension().appendingPathExtension("txt"), force: force)
  }
  return report
}
