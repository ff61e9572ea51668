import ArgumentParser
import Foundation
import Pipeline
import Verify

extension DeltaNN {
  /// `deltann pipeline run|validate|merge`: staged pipelines from YAML, sharded sweeps and their merge.
  struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pipeline",
      abstract: "Run a YAML pipeline or merge sharded results: deltann pipeline run pipelines/demo.yaml",
      subcommands: [RunPipeline.self, ValidatePipeline.self, MergePipeline.self])
  }

  struct RunPipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Run every cell of a pipeline (or one shard of them): deltann pipeline run sweep.yaml --shard 0/4",
      discussion: """
        A cell finished before with the same inputs (model bytes, arguments, this program) is taken
        from <output>/.cache instead of run again, so a killed run resumes; --force recomputes.
        Writes <output>/pipeline.json and pipeline.html (pipeline-<i>-of-<n>.json and .html for a shard).
        Shards are independent: run them anywhere (a Kubernetes indexed Job, Slurm array, Ray) and
        join them with `deltann pipeline merge`. Exit status: 0 when every step ran (flagged
        results included, unless --fail-on-flag), 1 when a step failed or was flagged with
        --fail-on-flag, 2 on a bad pipeline file (checked as `deltann pipeline validate` does, before
        anything runs).
        """)

    @Argument(help: "The pipeline file (YAML).") var file: String
    @Option(help: "Run only cells i, i+n, i+2n, … of the matrix, as i/n.") var shard: String?
    @Flag(help: "Exit with 1 when any step is flagged (labels changed, not equivalent).") var failOnFlag = false
    @Flag(help: "Recompute every cell, also those finished before with the same inputs.") var force = false

    @OptionGroup var debugOption: DebugOption

    func run() throws {
      do {
        let spec = try PipelineSpec.load(URL(fileURLWithPath: file))
        let slice = try shard.map { text throws(PipelineError) in try Shard(parsing: text) } ?? .all
        var runner = PipelineRunner(spec: spec, shard: slice, progress: ProgressDisplay().update)
        runner.force = force
        let result = runner.run()
        let folder = URL(fileURLWithPath: spec.output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Shards of one pipeline run at once into one folder: each writes files of its own.
        let name = slice.count == 1 ? "pipeline" : "pipeline-\(slice.index)-of-\(slice.count)"
        try writeAtomically(result.jsonData(), to: folder.appendingPathComponent(name + ".json"), force: true)
        try writeAtomically(Data(result.html(in: folder).utf8), to: folder.appendingPathComponent(name + ".html"), force: true)
        if slice.count == 1 { try DeltaNN.writeStudy(result, to: folder) }
        for step in result.cells.flatMap(\.steps) {
          for page in step.outputs where page.hasSuffix(".html") { print("\(step.id) report: \(page)") }
        }
        let reused = result.reused ?? 0
        print("cells: \(result.cells.count - reused) run, \(reused) taken from the cache")
        print("pipeline: \(folder.appendingPathComponent(name + ".html").path)")
        if result.failed || (failOnFlag && result.flagged) { throw ExitCode(1) }
      } catch let exit as ExitCode {
        throw exit
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
    }
  }

  struct MergePipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Join shard results into one: deltann pipeline merge out/sweep/pipeline-*-of-4.json -o out/sweep")

    @Argument(help: "Shard results (pipeline-<i>-of-<n>.json).") var files: [String]
    @Option(name: .shortAndLong, help: "Folder for the merged pipeline.json and pipeline.html.") var output: String
    @OptionGroup var debugOption: DebugOption

    func run() throws {
      do {
        let merged = try PipelineRun.merge(files.map { URL(fileURLWithPath: $0) })
        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeAtomically(merged.jsonData(), to: folder.appendingPathComponent("pipeline.json"), force: true)
        try writeAtomically(Data(merged.html(in: folder).utf8), to: folder.appendingPathComponent("pipeline.html"), force: true)
        try DeltaNN.writeStudy(merged, to: folder)
        print("merged \(merged.cells.count) cells: \(folder.appendingPathComponent("pipeline.html").path)")
        if merged.failed { throw ExitCode(1) }
      } catch let exit as ExitCode {
        throw exit
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
    }
  }

  /// study.json and study.html beside pipeline.json, when the pipeline has run or compare steps.
  static func writeStudy(_ run: PipelineRun, to folder: URL) throws {
    guard let study = try StudyReport(run) else { return }
    try writeAtomically(study.jsonData(), to: folder.appendingPathComponent("study.json"), force: true)
    try writeAtomically(Data(study.html().utf8), to: folder.appendingPathComponent("study.html"), force: true)
    print("study: \(folder.appendingPathComponent("study.html").path)")
  }
}
