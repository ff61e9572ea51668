import Backends
import Runtime

/// Errors of the `Diff` module. Cases carry the tensor, layer or input concerned and what was
/// expected; their text is rendered in `DiffError+Description.swift`.
public enum DiffError: Error, Sendable {
  /// The candidate graph input `input` has no aligned reference tensor to feed it from.
  case missingFeed(input: String, aligned: [String])
  /// A recording (`.npz` with its `.json` sidecar) is missing or unreadable as a whole.
  case recording(file: String, problem: String)
  /// A reference tensor could not be read or has an unexpected shape.
  case reference(key: String, problem: String)
  /// Reference and candidate outputs do not line up (different class counts).
  case outputMismatch(reference: [Int], candidate: [Int])
  /// The candidate `name` (its file's name, as the report names it) failed to run.
  case candidate(name: String, RuntimeError)
  /// The backend could not load the candidate.
  case backend(BackendError)
  /// The report could not be written to `path`.
  case output(path: String, problem: String)
  /// Nothing could be aligned between the two forms.
  case nothingAligned(referenceKeys: Int, candidateTensors: Int)
}
