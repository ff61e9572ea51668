/// What one step of one cell did: a verdict, a line for people, facts for machines, files made.
public struct StepResult: Sendable, Codable, Hashable {
  public enum Status: String, Sendable, Codable {
    /// Ran, nothing to report.
    case passed
    /// Ran and found something (labels changed, not equivalent).
    case flagged
    case failed
    /// Not run because an earlier step of the cell failed.
    case skipped
  }

  public var id: String
  public var step: String
  public var status: Status
  public var summary: String
  public var facts: [String: String]
  public var outputs: [String]
  public var seconds: Double

  public init(id: String = "", step: String = "", status: Status, summary: String, facts: [String: String] = [:],
              outputs: [String] = [], seconds: Double = 0) {
    self.id = id
    self.step = step
    self.status = status
    self.summary = summary
    self.facts = facts
    self.outputs = outputs
    self.seconds = seconds
  }
}
