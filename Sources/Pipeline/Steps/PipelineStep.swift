/// A kind of step (`localize`, `diff`, …): a function from arguments to a result.
protocol PipelineStep: Sendable {
  static var kind: String { get }
  /// Every `with:` argument the kind takes.
  static var parameters: [StepParameter] { get }
  static func run(_ arguments: StepArguments, progress: (Int, Int) -> Void) throws -> StepResult
}

/// Every step kind, in one written-out list.
enum StepRegistry {
  static let steps: [any PipelineStep.Type] = [
    BenchStep.self,
    CompareStep.self,
    ConvertStep.self,
    DiffStep.self,
    ImagesStep.self,
    LocalizeStep.self,
    MutateStep.self,
    RunStep.self,
    VerifyStep.self,
  ]

  static var kinds: [String] { steps.map { $0.kind } }

  static func step(_ kind: String) -> (any PipelineStep.Type)? { steps.first { $0.kind == kind } }
}
