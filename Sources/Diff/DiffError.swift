/// Errors of the `Diff` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `DiffError+Description.swift`.
public enum DiffError: Error, Sendable {
}
