import Foundation

/// The result of running a pipeline (or one shard of it): every cell's step results.
public struct PipelineRun: Sendable, Codable {
  public static let formatVersion = "deltann.pipeline/1"

  public struct CellResult: Sendable, Codable {
    public var cell: Cell
    /// The cell's position in the whole matrix, so merged shards come back in matrix order.
    public var index: Int?
    public var steps: [StepResult]
    public var failed: Bool { steps.contains { $0.status == .failed } }
  }

  public var format = PipelineRun.formatVersion
  public var name: String
  /// `i/n` for a shard, `all` for a merged or unsharded run.
  public var shard: String
  public var cells: [CellResult]
  /// How many of `cells` were taken from the cache rather than run.
  public var reused: Int?

  public var failed: Bool { cells.contains(where: \.failed) }
  public var flagged: Bool { cells.contains { $0.steps.contains { $0.status == .flagged } } }

  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }

  /// Joins shard results of one pipeline into one run, cells in matrix order.
  public static func merge(_ files: [URL]) throws(PipelineError) -> PipelineRun {
    var runs: [PipelineRun] = []
    for url in files {
      do { runs.append(try JSONDecoder().decode(PipelineRun.self, from: Data(contentsOf: url))) } catch {
        throw .merge(file: url.path, problem: "not a pipeline result (\(error.localizedDescription))")
      }
    }
    guard let first = runs.first else { throw .merge(file: "(none)", problem: "nothing to merge") }
    if let other = runs.first(where: { $0.name != first.name }) {
      throw .merge(file: other.name, problem: "belongs to pipeline '\(other.name)', not '\(first.name)'")
    }
    var seen = Set<String>(), cells: [CellResult] = []
    for cell in runs.flatMap(\.cells) where seen.insert(cell.cell.name).inserted { cells.append(cell) }
    let ordered = cells.sorted { ($0.index ?? .max, $0.cell.name) < ($1.index ?? .max, $1.cell.name) }
    return PipelineRun(name: first.name, shard: "all", cells: ordered, reused: runs.reduce(0) { $0 + ($1.reused ?? 0) })
  }
}
