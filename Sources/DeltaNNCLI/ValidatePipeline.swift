import ArgumentParser
import DeltaNN
import Foundation

extension DeltaNN {
  struct ValidatePipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check a pipeline file without running it: deltann pipeline validate pipelines/demo.yaml",
      discussion: """
        Reports every unknown key, value of the wrong type, unknown step kind or environment, unknown
        step argument and missing input file, one line each as FILE:LINE:COLUMN: 'KEY': problem.
        Exit status: 0 when the file is valid, 2 when it is not.
        """)

    @Argument(help: "The pipeline file (YAML).") var file: String
    @OptionGroup var variables: PipelineVariables

    @OptionGroup var debugOption: DebugOption

    func run() throws {
      do {
        let (spec, problems) = try PipelineSpec.check(URL(fileURLWithPath: file), setting: variables.values)
        for problem in problems {
          FileHandle.standardError.write(Data("deltann: error: \(problem)\n\(debugOption.detail(of: problem))".utf8))
        }
        guard let spec, problems.isEmpty else { throw ExitCode(2) }
        print("\(file): valid; \(spec.cells.count) cells × \(spec.steps.count) steps, output \(spec.output)")
      } catch let exit as ExitCode {
        throw exit
      } catch {
        throw ExitCode(reportFailure(error, debug: debugOption))
      }
    }
  }
}
