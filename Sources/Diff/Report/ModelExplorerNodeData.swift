import Foundation

/// Per-node error in Model Explorer's node-data JSON (`GraphNodeData`: `results` keyed by a
/// node's output tensor name, each `{ "value": number }`, plus a colour `gradient`), so the
/// error overlays the candidate's graph in that viewer.
public struct ModelExplorerNodeData: Sendable, Codable {
  public struct Result: Sendable, Codable { public var value: Double }
  public struct GradientStop: Sendable, Codable { public var stop: Double; public var bgColor: String }

  public var results: [String: Result]
  public var gradient: [GradientStop]

  /// `tensors` maps each aligned layer to the candidate tensor carrying its output.
  public init(pair: PairReport, tensors: [String: String]) {
    var results: [String: Result] = [:]
    for l in pair.layers {
      let value = Double(l.worstRangeRelative)
      results[tensors[l.layer] ?? l.layer] = Result(value: value.isFinite ? value : Double(Float.greatestFiniteMagnitude))
    }
    self.results = results
    gradient = [.init(stop: 0, bgColor: "#e6f4ea"), .init(stop: 0.5, bgColor: "#fbbc04"), .init(stop: 1, bgColor: "#d93025")]
  }

  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }
}
