/// Errors of the `Backends` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `BackendError+Description.swift`.
public enum BackendError: Error, Sendable {
}
