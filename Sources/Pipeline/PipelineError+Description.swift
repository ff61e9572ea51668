/// One sentence per error, naming the file or step and what was expected.
extension PipelineError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .spec(let file, let problem):
      "\(file): \(problem)"
    case .yaml(let file, let line, let column, let key, let problem):
      "\(file):\(line):\(column): \(key.isEmpty ? "" : "'\(key)': ")\(problem)"
    case .invalid(let file, let problems):
      problems.count == 1 ? "\(problems[0])"
        : "\(problems.first.map { "\($0)" } ?? file) (and \(problems.count - 1) more: deltann pipeline validate \(file) lists them)"
    case .unknownStep(let file, let step, let kind, let known):
      "\(file): step '\(step)' has unknown kind '\(kind)'; known kinds: \(known.joined(separator: ", "))"
    case .argument(let step, let name, let expected):
      "step '\(step)': argument '\(name)' \(expected)"
    case .shard(let text):
      "--shard '\(text)' must be i/n with 0 ≤ i < n, e.g. --shard 0/4"
    case .stepFailed(let step, let cell, let message):
      "step '\(step)'\(cell.isEmpty ? "" : " (cell \(cell))") failed: \(message)"
    case .checkerRejected(let file, let reason):
      "\(file): the converted model fails libonnx's checker, so it was not kept: \(reason)"
    case .merge(let file, let problem):
      "\(file): \(problem)"
    }
  }
}
