/// Errors of the `Importers` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `ImportError+Description.swift`.
public enum ImportError: Error, Sendable {
}
