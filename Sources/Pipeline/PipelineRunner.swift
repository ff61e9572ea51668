import Foundation

/// Runs a pipeline's cells (those of one shard), step by step. A failing step is a finding of its
/// cell, not the end of it: the steps that need one of its outputs are skipped, a step given
/// several named inputs goes on without the failed ones (a compare without the TVM build that
/// failed), and the others run. A cell finished by an earlier run with the same inputs is taken
/// from the cache (`CellCache`) instead, unless `force`.
public struct PipelineRunner {
  public var spec: PipelineSpec
  public var shard: Shard
  /// Recompute every cell, replacing what the cache holds.
  public var force = false
  /// Receives one line per cell and per step start and finish.
  public var log: (String) -> Void
  /// Receives the cells done, the current cell and step, and the time the rest should take.
  public var progress: (PipelineProgress) -> Void

  public init(spec: PipelineSpec, shard: Shard = .all, log: @escaping (String) -> Void = { print($0) },
              progress: @escaping (PipelineProgress) -> Void = { _ in }) {
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
    var reused = 0, ran = 0, running = 0.0
    for (n, cell) in cells.enumerated() {
      let name = cell.name.isEmpty ? "all" : cell.name
      // Cells taken from the cache take no time: the estimate counts the cells that ran.
      let eta = ran == 0 ? nil : running / Double(ran) * Double(cells.count - n)
      let output = URL(fileURLWithPath: spec.output).appendingPathComponent(cell.folder)
      let key = CellCache.key(for: cell, steps: spec.steps, output: output)
      if !force, var cached = cache.lookup(key) {
        cached.index = all.firstIndex(of: cell)
        log("cell \(n + 1)/\(cells.count): \(name): finished before, taken from the cache")
        results.append(cached)
        reused += 1
        continue
      }
      let started = Date()
      try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
      if !cell.name.isEmpty { log("cell \(n + 1)/\(cells.count): \(cell.name)") }
      var steps: [StepResult] = []
      var failed: [String: String] = [:]  // output path → the failed step that was to make it
      for step in spec.steps {
        progress(PipelineProgress(cellsDone: n, cells: cells.count, cell: name, step: step.id, secondsLeft: eta))
        var result = run(step, cell: cell, output: output, failed: failed)
        result.id = step.id
        result.step = step.step
        log("• \(step.id) (\(step.step))\n" + result.summary.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n"))
        if result.status == .failed || result.status == .skipped {
          for path in outputs(of: step, cell: cell, output: output) { failed[path] = step.id }
        }
        steps.append(result)
      }
      let result = PipelineRun.CellResult(cell: cell, index: all.firstIndex(of: cell), steps: steps)
      do { try cache.store(result, key: key) } catch { log("  not cached: \(error)") }
      results.append(result)
      ran += 1
      running += Date().timeIntervalSince(started)
    }
    progress(PipelineProgress(cellsDone: cells.count, cells: cells.count, cell: "", step: "", secondsLeft: 0))
    return PipelineRun(name: spec.name, shard: shard.count == 1 ? "all" : "\(shard.index)/\(shard.count)", cells: results,
                       reused: reused)
  }

  /// One step of one cell, given the outputs that failed steps did not make.
  private func run(_ step: PipelineSpec.Step, cell: Cell, output: URL, failed: [String: String]) -> StepResult {
    guard let kind = StepRegistry.step(step.step) else { preconditionFailure("validation admits only known step kinds") }
    var values = step.with.mapValues { cell.substitute($0, output: output.path) }
    var leftOut: [String] = []
    for parameter in kind.parameters {
      guard let value = values[parameter.name] else { continue }
      switch parameter.role {
      case .namedInputs, .environmentModels:
        let items = StepParameter.named(value)
        let kept = items.filter { failed[$0.path] == nil }
        leftOut += items.filter { failed[$0.path] != nil }.map { "\($0.name) (\(failed[$0.path] ?? "") failed)" }
        values[parameter.name] = kept.map { "\($0.name)=\($0.path)" }.joined(separator: ",")
      default:
        if let missing = parameter.inputPaths(value).first(where: { failed[$0] != nil }) {
          return StepResult(status: .skipped, summary: "skipped: needs \(missing), which step '\(failed[missing] ?? "")' did not make")
        }
      }
    }
    let start = Date()
    var result: StepResult
    do {
      result = try kind.run(StepArguments(step: step.id, values: values)) { _, _ in }
    } catch {
      result = StepResult(status: .failed, summary: "\(error)")
    }
    if !leftOut.isEmpty { result.summary += "\nleft out: \(leftOut.joined(separator: ", "))" }
    result.seconds = Date().timeIntervalSince(start)
    return result
  }

  /// The paths `step` writes in `cell`.
  private func outputs(of step: PipelineSpec.Step, cell: Cell, output: URL) -> [String] {
    let parameters = StepRegistry.step(step.step)?.parameters ?? []
    return parameters.filter(\.isOutput).compactMap { step.with[$0.name].map { cell.substitute($0, output: output.path) } }
  }
}

/// Where a pipeline run is: cells finished (or taken from the cache) of all, the cell and step
/// running now, and the estimated seconds left (nil until a cell has run).
public struct PipelineProgress: Sendable {
  public var cellsDone: Int
  public var cells: Int
  public var cell: String
  public var step: String
  public var secondsLeft: Double?
}
