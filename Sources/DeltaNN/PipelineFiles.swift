import Foundation

/// A pipeline run (or merge) and the pages written into its output folder.
public struct PipelineOutcome {
  public var run: PipelineRun
  /// `pipeline.html` (or a shard's `pipeline-<i>-of-<n>.html`).
  public var page: URL
  /// `study.html`, when the pipeline has run or compare steps (whole runs and merges only).
  public var studyPage: URL?
}

/// Runs every cell of the pipeline in `file` (or the shard `shard`, "i/n"; `variables` set the
/// file's `variables:`), taking cells finished before from the cache unless `force`, and writes
/// `pipeline.json` and `pipeline.html` (a shard: `pipeline-<i>-of-<n>.*`) and the study pages
/// into its output folder. A bad pipeline file throws before anything runs. `log` receives the
/// steps' lines, `progress` each step's start (cells done, ETA, the current cell and step).
///
/// ```swift
/// let outcome = try runPipeline(URL(fileURLWithPath: "pipelines/demo.yaml"))
/// outcome.run.failed
/// ```
public func runPipeline(_ file: URL, variables: [String: String] = [:], shard: String? = nil, force: Bool = false,
                        log: @escaping (String) -> Void = { print($0) },
                        progress: @escaping (PipelineProgress) -> Void = { _ in }) throws -> PipelineOutcome {
  let spec = try PipelineSpec.load(file, setting: variables)
  let slice = try shard.map { text throws(PipelineError) in try Shard(parsing: text) } ?? .all
  var runner = PipelineRunner(spec: spec, shard: slice, log: log, progress: progress)
  runner.force = force
  let result = runner.run()
  // Shards of one pipeline run at once into one folder: each writes files of its own.
  let name = slice.count == 1 ? "pipeline" : "pipeline-\(slice.index)-of-\(slice.count)"
  return try write(result, to: URL(fileURLWithPath: spec.output), name: name, study: slice.count == 1)
}

/// Joins shard results (`pipeline-<i>-of-<n>.json`) in matrix order into `folder`'s
/// `pipeline.json`, `pipeline.html` and study pages.
public func mergePipelines(_ files: [URL], into folder: URL) throws -> PipelineOutcome {
  try write(try PipelineRun.merge(files), to: folder, name: "pipeline", study: true)
}

private func write(_ run: PipelineRun, to folder: URL, name: String, study: Bool) throws -> PipelineOutcome {
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let page = folder.appendingPathComponent(name + ".html")
  try StagedFile.write(run.jsonData(), to: folder.appendingPathComponent(name + ".json"), force: true)
  try StagedFile.write(Data(run.html(in: folder).utf8), to: page, force: true)
  var studyPage: URL?
  if study, let report = try StudyReport(run) {
    try StagedFile.write(report.jsonData(), to: folder.appendingPathComponent("study.json"), force: true)
    studyPage = folder.appendingPathComponent("study.html")
    try StagedFile.write(Data(report.html(in: folder).utf8), to: folder.appendingPathComponent("study.html"), force: true)
  }
  return PipelineOutcome(run: run, page: page, studyPage: studyPage)
}
