/// Errors of the `Runtime` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `RuntimeError+Description.swift`.
public enum RuntimeError: Error, Sendable {
}
