import Foundation

/// A localisation and, when a report folder was asked for, the files written there (the HTML
/// page second).
public struct LocalizationOutcome {
  public var result: Localization
  public var reportFiles: [URL]
}

/// Where does `request`'s candidate start to change the predicted labels, and why? Runs what
/// the request needs (recording the source, the candidate in its backend), compares and
/// localises, and writes `report.json`, `report.html` and Model Explorer node data into
/// `report` when given (refused when it exists, unless `force` and it holds an earlier report).
///
/// ```swift
/// let request = try LocalizationRequest(reference: URL(fileURLWithPath: "keras.npz"), source: nil,
///                                       candidate: URL(fileURLWithPath: "model.onnx"), inputs: nil,
///                                       backend: .interpreter, workFolder: URL(fileURLWithPath: "out.work"))
/// let outcome = try localizeConversion(request, report: URL(fileURLWithPath: "out"))
/// outcome.result.pair.firstDivergentLayer?.layer
/// ```
public func localizeConversion(_ request: LocalizationRequest, report: URL? = nil, force: Bool = false,
                               progress: (String, Int, Int) -> Void = { _, _, _ in }) throws -> LocalizationOutcome {
  if let report { try ReportDestination.check(report.path, force: force) }
  let result = try request.run(progress: progress)
  let files = try report.map { folder in
    try writePairReport(result.pair, alignment: result.alignment, source: (request.reference ?? request.source)?.relativePath ?? "",
                        preprocessing: request.preprocessing?.rawValue, inputs: result.inputNames,
                        findings: result.findings, to: folder.path, force: force)
  }
  return LocalizationOutcome(result: result, reportFiles: files ?? [])
}
