/// The outcome of `Verifier.verify`: verdict, typed findings, recognised rewrites and the node
/// map, as versioned JSON (`schema`).
///
/// ```swift
/// let report = try Verifier.verify(source: keras, candidate: onnx)
/// print(report.verdict)          // equivalentWithRewrites
/// print(report.rewrites.map(\.kind))  // [.batchNormFolded, .denseAsMatMulAdd, …]
/// ```
public struct VerifyReport: Sendable, Codable {
  public static let schemaVersion = "deltann.verify/1"

  public var schema: String = VerifyReport.schemaVersion
  public var source: String
  public var candidate: String
  public var verdict: Verdict
  public var summary: String
  public var findings: [Finding]
  public var rewrites: [Rewrite]
  public var nodeMap: [LayerMapping]
  public var statistics: Statistics

  public init(
    source: String, candidate: String, findings: [Finding], rewrites: [Rewrite],
    nodeMap: [LayerMapping], statistics: Statistics
  ) {
    self.source = source
    self.candidate = candidate
    self.findings = findings
    self.rewrites = rewrites
    self.nodeMap = nodeMap
    self.statistics = statistics
    if findings.contains(where: { $0.severity == .error }) {
      verdict = .notEquivalent
    } else {
      verdict = rewrites.contains { $0.kind.changesStructure } ? .equivalentWithRewrites : .equivalent
    }
    summary = ""
    summary = Self.summarize(self)
  }

  /// Counts that let a reader judge how much of the model the map covers.
  public struct Statistics: Sendable, Codable, Hashable {
    public var sourceLayers: Int
    public var candidateNodes: Int
    public var mappedLayers: Int
    public var methods: [String: Int]
    public var seconds: Double

    public init(sourceLayers: Int, candidateNodes: Int, mappedLayers: Int, methods: [String: Int], seconds: Double) {
      self.sourceLayers = sourceLayers
      self.candidateNodes = candidateNodes
      self.mappedLayers = mappedLayers
      self.methods = methods
      self.seconds = seconds
    }
  }

  /// One line: the verdict and what drives it (the most frequent finding kinds, first layers).
  static func summarize(_ r: VerifyReport) -> String {
    let errors = r.findings.filter { $0.severity == .error }
    switch r.verdict {
    case .equivalent:
      let spellings = r.rewrites.isEmpty ? "" : "; \(r.rewrites.count) layer(s) spelled differently (\(Set(r.rewrites.map(\.kind.rawValue)).sorted().joined(separator: ", ")))"
      return "equivalent: \(r.statistics.mappedLayers) of \(r.statistics.sourceLayers) source layers mapped, no errors\(spellings)"
    case .equivalentWithRewrites:
      let kinds = Dictionary(grouping: r.rewrites.filter(\.kind.changesStructure), by: \.kind).sorted { $0.value.count > $1.value.count }
      return "equivalent with \(kinds.map(\.value.count).reduce(0, +)) rewrite(s): "
        + kinds.map { "\($0.key.rawValue) ×\($0.value.count)" }.joined(separator: ", ")
    case .notEquivalent:
      let kinds = Dictionary(grouping: errors, by: \.kind).sorted { ($0.value.count, $1.key.rawValue) > ($1.value.count, $0.key.rawValue) }
      let layers = Array(NSOrderedSetLite(errors.map(\.layer)).prefix(3))
      return "not equivalent: \(errors.count) error(s) — "
        + kinds.prefix(4).map { "\($0.key.rawValue) ×\($0.value.count)" }.joined(separator: ", ")
        + "; first at " + layers.joined(separator: ", ")
    }
  }
}

/// The answer to "is the conversion the same model?".
public enum Verdict: String, Sendable, Codable, Hashable {
  case equivalent
  case equivalentWithRewrites = "equivalent with rewrites"
  case notEquivalent = "not equivalent"
}

/// Unique elements in first-seen order.
func NSOrderedSetLite(_ items: [String]) -> [String] {
  var seen = Set<String>()
  return items.filter { seen.insert($0).inserted }
}
