import Foundation

/// A comparison and, when a report folder was asked for, the files written there (the HTML
/// page second).
public struct ComparisonOutcome {
  public var pair: PairReport
  public var reportFiles: [URL]
}

/// How close is close enough: a layer diverges past `threshold` (range-relative max-abs);
/// `atol`/`rtol` count out-of-tolerance elements per layer. Defaults from `Comparison`.
public struct Tolerances: Sendable {
  public var threshold = Comparison.defaultThreshold
  public var atol = Comparison.defaultAtol
  public var rtol = Comparison.defaultRtol

  public init(threshold: Float = Comparison.defaultThreshold, atol: Float = Comparison.defaultAtol,
              rtol: Float = Comparison.defaultRtol) {
    self.threshold = threshold
    self.atol = atol
    self.rtol = rtol
  }

  public var policy: Comparison { .rangeRelative(maximum: threshold) }
}

/// Compares two recordings (each an .npz with its JSON sidecar: the framework helpers',
/// `runModel`'s or `deltann run`'s) layer by layer, aligned by `map` (verify's node map) or by
/// name, and writes the report folder when `report` is given.
///
/// ```swift
/// let outcome = try diffRecordings(reference: URL(fileURLWithPath: "keras.npz"), candidate: URL(fileURLWithPath: "ort.npz"))
/// outcome.pair.divergentInputs.isEmpty  // every input keeps its top-1 label
/// ```
public func diffRecordings(reference: URL, candidate: URL, map: URL? = nil, tolerances: Tolerances = Tolerances(),
                           report: URL? = nil, force: Bool = false,
                           progress: (Int, Int) -> Void = { _, _ in }) throws -> ComparisonOutcome {
  let ref = try RecordedActivations(npz: reference)
  let cand = try RecordedActivations(npz: candidate)
  let alignment = Alignment(reference: ref.entries, recorded: cand.entries, map: try LayerMap.read(map?.path))
  let pair = try compareRecordings(reference: ref, candidate: cand, alignment: alignment,
                                   names: (reference.lastPathComponent, candidate.lastPathComponent),
                                   policy: tolerances.policy, atol: tolerances.atol, rtol: tolerances.rtol, progress: progress)
  let files = try report.map { try writePairReport(pair, alignment: alignment, source: reference.relativePath, to: $0.path, force: force) }
  return ComparisonOutcome(pair: pair, reportFiles: files ?? [])
}
