import Foundation

/// Runs a pipeline's cells (those of one shard), step by step; a failing step skips the rest of
/// its cell and the other cells go on. A cell finished by an earlier run with the same inputs is
/// taken from the cache (`CellCache`) instead, unless `force`.
public struct PipelineRunner {
  public var spec: PipelineSpec
  public var shard: Shard
  /// Recompute every cell, replacing what the cache holds.
  public var force = false
  /// Receives one line per step start and finish, and step progress.
  public var log: (String) -> Void
  public var progress: (String, Int, Int) -> Void

  public init(spec: PipelineSpec, shard: Shard = .all, log: @escaping (String) -> Void = { print($0) },
              progress: @escaping (String, Int, Int) -> Void = { _, _, _ in }) {
    self.spec = spec
    self.shard = shard
    self.log = log
    self.progress = progress
  }

  public func run() -> PipelineRun {
    let all = spec.cells
    let cells = shard.select(all)
    let cache = CellCache(folder: URL(fileURLWithPath: spec.output).appendingPathComponent(".cache"))
    var results: [PipelineRun.CellResult] = []
    var reused = 0
    for (n, cell) in cells.enumerated() {
      let output = URL(fileURLWithPath: spec.output).appendingPathComponent(cell.folder)
      let key = CellCache.key(for: cell, steps: spec.steps, output: output)
      if !force, var cached = cache.lookup(key) {
        cached.index = all.firstIndex(of: cell)
        log("cell \(n + 1)/\(cells.count): \(cell.name.isEmpty ? "all" : cell.name): finished before, taken from the cache")
        results.append(cached)
        reused += 1
        continue
      }
      try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
      if !cell.name.isEmpty { log("cell \(n + 1)/\(cells.count): \(cell.name)") }
      var steps: [StepResult] = []
      var broken = false
      for step in spec.steps {
        guard !broken, let kind = StepRegistry.step(step.step) else {
          steps.append(StepResult(id: step.id, step: step.step, status: .skipped, summary: "skipped: an earlier step failed"))
          continue
        }
        let arguments = StepArguments(step: step.id, values: step.with.mapValues { cell.substitute($0, output: output.path) })
        log("• \(step.id) (\(step.step))")
        let start = Date()
        var result: StepResult
        do {
          result = try kind.run(arguments) { done, total in progress(step.id, done, total) }
        } catch {
          result = StepResult(status: .failed, summary: "\(error)")
          broken = true
        }
        result.id = step.id
        result.step = step.step
        result.seconds = Date().timeIntervalSince(start)
        log(result.summary.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n"))
        steps.append(result)
      }
      let result = PipelineRun.CellResult(cell: cell, index: all.firstIndex(of: cell), steps: steps)
      do { try cache.store(result, key: key) } catch { log("  not cached: \(error)") }
      results.append(result)
    }
    return PipelineRun(name: spec.name, shard: shard.count == 1 ? "all" : "\(shard.index)/\(shard.count)", cells: results,
                       reused: reused)
  }
}
