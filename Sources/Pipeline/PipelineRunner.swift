import Foundation

/// Runs a pipeline's cells (those of one shard), step by step; a failing step skips the rest of
/// its cell and the other cells go on.
public struct PipelineRunner {
  public var spec: PipelineSpec
  public var shard: Shard
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
    var results: [PipelineRun.CellResult] = []
    for (n, cell) in cells.enumerated() {
      let output = URL(fileURLWithPath: spec.output).appendingPathComponent(cell.folder)
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
      results.append(.init(cell: cell, index: all.firstIndex(of: cell), steps: steps))
    }
    return PipelineRun(name: spec.name, shard: shard.count == 1 ? "all" : "\(shard.index)/\(shard.count)", cells: results)
  }
}
