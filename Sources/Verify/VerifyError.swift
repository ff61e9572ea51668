/// Errors of the `Verify` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `VerifyError+Description.swift`.
public enum VerifyError: Error, Sendable {
}
