/// One sentence (or a sentence and the helper's last lines) per error.
extension BackendError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .helperNotSetUp(let venv, let reason):
      "the Python helpers are not set up (\(reason)); run `bash scripts/setup-python.sh` to create "
        + "\(venv), or point DELTANN_VENV at an existing venv"
    case .cannotLaunch(let executable, let reason):
      "cannot start \(executable): \(reason); run `bash scripts/setup-python.sh` to recreate the venv"
    case .missingFile(let file, let role):
      "\(file): no such \(role) file"
    case .helperFailed(let framework, let status, let signal, let kind, let message, let tail):
      (signal ? "the \(framework) helper was killed by signal \(status)"
        : "the \(framework) helper failed (exit status \(status))")
        + (message.map { ": \($0)" + (kind.map { " [\($0)]" } ?? "") } ?? "")
        + (tail.contains { $0.contains("No module named") }
          ? "; a Python package is missing: run `bash scripts/setup-python.sh`" : "")
        + (tail.isEmpty ? "" : "\n--- its last \(tail.count) lines of output ---\n" + tail.joined(separator: "\n"))
    case .format(let error):
      "\(error)"
    case .unusable(let file, let role, let reason):
      "\(file): unusable as the \(role) file: \(reason)"
    case .runFailed(let backend, let model, let reason):
      "\(model): the \(backend) cannot run it: \(reason)"
    case .malformedOutput(let file, let reason):
      "\(file): the helper's output is unusable: \(reason)"
    }
  }
}
