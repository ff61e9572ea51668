/// Errors of the `ModelFormats` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `FormatError+Description.swift`.
public enum FormatError: Error, Sendable {
  /// An image file that could not be read or decoded (`problem` says why).
  case image(file: String, problem: String)
}
