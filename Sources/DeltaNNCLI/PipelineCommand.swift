import ArgumentParser
import DeltaNN
import Foundation

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
    @OptionGroup var variables: PipelineVariables
    @Option(help: "Run only cells i, i+n, i+2n, … of the matrix, as i/n.") var shard: String?
    @Flag(help: "Exit with 1 when any step is flagged (labels changed, not equivalent).") var failOnFlag = false
    @Flag(help: "Recompute every cell, also those finished before with the same inputs.") var force = false

    @OptionGroup var debugOption: DebugOption

    func run() throws {
      let outcome: PipelineOutcome
      do {
        let display = ProgressDisplay()
        outcome = try runPipeline(URL(fileURLWithPath: file), variables: variables.values, shard: shard, force: force,
                                  log: display.line) { p in
          display.update("cells", p.cellsDone, p.cells, now: "\(p.cell) · \(p.step)", secondsLeft: p.secondsLeft)
        }
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
      DeltaNN.printPages(outcome)
      let reused = outcome.run.reused ?? 0
      print("cells: \(outcome.run.cells.count - reused) run, \(reused) taken from the cache")
      print("pipeline: \(outcome.page.path)")
      if outcome.run.failed || (failOnFlag && outcome.run.flagged) { throw ExitCode(1) }
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
      let outcome: PipelineOutcome
      do {
        outcome = try mergePipelines(files.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: output))
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
      if let study = outcome.studyPage { print("study: \(study.path)") }
      print("merged \(outcome.run.cells.count) cells: \(outcome.page.path)")
      if outcome.run.failed { throw ExitCode(1) }
    }
  }

  /// Each step's report page and the study page.
  static func printPages(_ outcome: PipelineOutcome) {
    for step in outcome.run.cells.flatMap(\.steps) {
      for page in step.outputs where page.hasSuffix(".html") { print("\(step.id) report: \(page)") }
    }
    if let study = outcome.studyPage { print("study: \(study.path)") }
  }
}
