/// One operation: `outputs = opType(inputs; attributes)` in `domain`.
///
/// The domain names the dialect: `""` (ai.onnx) for ONNX graphs, `keras` or `aten` for graphs
/// faithful to a source framework. An empty input name is an omitted optional input.
public struct Node: Sendable, Hashable {
  public var name: String
  public var opType: String
  public var domain: String
  public var inputs: [String]
  public var outputs: [String]
  public var attributes: [String: Attribute]
  public var docString: String
  public var provenance: Provenance?
  /// ONNX `overload` (IR 10) and fields this library does not model, kept for round trips.
  public var unknownFields: [UInt8]

  public init(
    name: String, opType: String, domain: String = "", inputs: [String], outputs: [String],
    attributes: [String: Attribute] = [:], docString: String = "", provenance: Provenance? = nil
  ) {
    self.name = name
    self.opType = opType
    self.domain = domain
    self.inputs = inputs
    self.outputs = outputs
    self.attributes = attributes
    self.docString = docString
    self.provenance = provenance
    self.unknownFields = []
  }
}
