/// Errors of the `Pipeline` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `PipelineError+Description.swift`.
public enum PipelineError: Error, Sendable {
}
