/// Errors of the `Lowering` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `LoweringError+Description.swift`.
public enum LoweringError: Error, Sendable {
}
