import ArgumentParser

/// `--set name=value`: overrides a default of the pipeline's `variables:` (repeatable), e.g.
/// `--set photos=~/pictures` for the study's own photographs.
struct PipelineVariables: ParsableArguments {
  @Option(name: .customLong("set"), help: ArgumentHelp("Give a pipeline variable a value (name=value; repeatable).",
                                                      valueName: "name=value"))
  var assignments: [String] = []

  func validate() throws {
    if let bad = assignments.first(where: { !$0.contains("=") || $0.hasPrefix("=") }) {
      throw ValidationError("--set \(bad): expected name=value, e.g. --set photos=~/pictures")
    }
  }

  var values: [String: String] {
    Dictionary(assignments.map { item in
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }, uniquingKeysWith: { _, last in last })
  }
}
