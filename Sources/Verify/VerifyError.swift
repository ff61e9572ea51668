import Lowering

/// Errors of the `Verify` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `VerifyError+Description.swift`.
public enum VerifyError: Error, Sendable {
  /// An output file exists and `--force` was not given.
  case outputExists(file: String)
  case writeFailed(file: String, reason: String)
  /// The source (Keras or PyTorch) has layers the converter's rules do not describe, so they
  /// cannot be compared either; `reason` names every one.
  case sourceNotLowerable(file: String, reason: LoweringError)
}
