/// Errors of the `Pipeline` module. Cases carry the pipeline file, step and what was expected;
/// their text is rendered in `PipelineError+Description.swift`.
public enum PipelineError: Error, Sendable {
  /// The YAML could not be read or does not have the expected shape.
  case spec(file: String, problem: String)
  /// The YAML is malformed or a value has the wrong type, at `line`:`column` (1-based), under
  /// `key` (a dotted path such as `steps.1.with`; empty for the document).
  case yaml(file: String, line: Int, column: Int, key: String, problem: String)
  /// Validation found these problems (each a `.yaml`), before anything ran.
  case invalid(file: String, problems: [PipelineError])
  /// A step names a kind that does not exist.
  case unknownStep(file: String, step: String, kind: String, known: [String])
  /// A step lacks a required argument or has a malformed one.
  case argument(step: String, name: String, expected: String)
  /// `--shard` is not `i/n` with 0 ≤ i < n.
  case shard(String)
  /// A step ran and failed.
  case stepFailed(step: String, cell: String, message: String)
  /// A converted model failed libonnx's checker (a bug of ours: every rule emits valid ONNX).
  case checkerRejected(file: String, reason: String)
  /// A file to merge is not a pipeline result.
  case merge(file: String, problem: String)
}
