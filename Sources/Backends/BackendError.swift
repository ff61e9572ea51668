import ModelFormats

/// Errors of the `Backends` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `BackendError+Description.swift`.
public enum BackendError: Error, Sendable, Equatable {
  /// The Python environment or the helpers in `converters/` are missing; `reason` says which.
  case helperNotSetUp(venv: String, reason: String)
  /// The helper's executable exists but could not be started.
  case cannotLaunch(executable: String, reason: String)
  /// A model or inputs file handed to a backend does not exist.
  case missingFile(file: String, role: String)
  /// The helper ended with a non-zero status or a signal. `kind` and `message` come from its
  /// JSON error line when it wrote one; `stderrTail` holds its last lines of output.
  case helperFailed(framework: String, status: Int32, signal: Bool, kind: String?, message: String?,
                    stderrTail: [String])
  /// A model or inputs file did not read (the error names the file and what is wrong).
  case format(FormatError)
  /// A file handed to a backend (`role`: model, inputs, output) cannot be used; `reason` says why.
  case unusable(file: String, role: String, reason: String)
  /// An in-process backend could not load or run the model in `model`.
  case runFailed(backend: String, model: String, reason: String)
  /// The helper claimed success but an output file is missing or unreadable.
  case malformedOutput(file: String, reason: String)
}
