import Foundation

/// A step's `with:` arguments after substitution, with typed, error-reporting accessors.
public struct StepArguments: Sendable {
  public var step: String
  public var values: [String: String]

  public func string(_ name: String) throws(PipelineError) -> String {
    guard let v = values[name], !v.isEmpty else { throw .argument(step: step, name: name, expected: "is required") }
    return v
  }

  public func optional(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

  public func float(_ name: String, default value: Float) throws(PipelineError) -> Float {
    guard let text = values[name] else { return value }
    guard let v = Float(text) else { throw .argument(step: step, name: name, expected: "must be a number, found '\(text)'") }
    return v
  }

  public func url(_ name: String) throws(PipelineError) -> URL { URL(fileURLWithPath: try string(name)) }
}
