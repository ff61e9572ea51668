import Foundation

/// The study's tables for tools (`study.json`) and people (`study.html`): every label-difference
/// matrix a `compare` step made (with the localisation report of each environment that disagreed
/// with the source), every `run` step's latency, and every step that failed, by cell.
public struct StudyReport: Sendable, Codable {
  public static let formatVersion = "deltann.study/1"

  public struct Matrix: Sendable, Codable {
    public var cell: String
    public var step: String
    public var matrix: LabelMatrix
    /// The environment the others were localised against (the source framework), if any.
    public var source: String?
    /// Environment → its localisation report (report.html).
    public var localizations: [String: String]?
    /// Environment → why its localisation did not run.
    public var notLocalized: [String: String]?
  }

  /// A step that failed: a finding of its cell (a TVM build that fails at one opt level).
  public struct Failure: Sendable, Codable {
    public var cell: String
    public var step: String
    public var problem: String
  }

  public struct Timing: Sendable, Codable {
    public var cell: String
    public var step: String
    public var environment: String
    public var version: String
    /// Milliseconds per input.
    public var min, median, p95: Double
  }

  public var format = StudyReport.formatVersion
  public var name: String
  public var matrices: [Matrix] = []
  public var timings: [Timing] = []
  public var failures: [Failure]? = []

  /// The study in `run`, or nil when it has no `compare` or `run` step results.
  public init?(_ run: PipelineRun) throws {
    name = run.name
    for cell in run.cells {
      let where_ = cell.cell.name.isEmpty ? "all" : cell.cell.name
      for step in cell.steps where step.status == .failed { failures?.append(Failure(cell: where_, step: step.id, problem: step.summary)) }
      for step in cell.steps where step.status != .failed && step.status != .skipped {
        if step.step == CompareStep.kind, let file = step.outputs.first {
          let matrix = try JSONDecoder().decode(LabelMatrix.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
          let facts = { (prefix: String) in
            Dictionary(uniqueKeysWithValues: step.facts.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
          }
          matrices.append(Matrix(cell: where_, step: step.id, matrix: matrix, source: step.facts["source"],
                                 localizations: facts("localization."), notLocalized: facts("localization_failed.")))
        }
        if step.step == RunStep.kind, let environment = step.facts["environment"] {
          let number = { (key: String) in Double(step.facts[key] ?? "") ?? .nan }
          timings.append(Timing(cell: where_, step: step.id, environment: environment, version: step.facts["version"] ?? "",
                                min: number("min_ms"), median: number("median_ms"), p95: number("p95_ms")))
        }
      }
    }
    if matrices.isEmpty && timings.isEmpty { return nil }
  }

  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }
}
