/// A dataflow graph: nodes in topological order, its boundary values and its weights.
///
/// ```swift
/// var g = Graph(name: "tiny")
/// g.inputs = [.tensor("x", .float32, [.fixed(1), .fixed(4)])]
/// g.nodes = [Node(name: "relu", opType: "Relu", inputs: ["x"], outputs: ["y"])]
/// g.outputs = [.tensor("y", .float32, [.fixed(1), .fixed(4)])]
/// ```
public struct Graph: Sendable, Hashable {
  public var name: String
  public var nodes: [Node]
  public var inputs: [ValueInfo]
  public var outputs: [ValueInfo]
  public var valueInfo: [ValueInfo]
  /// Weights by tensor name.
  public var initializers: [String: Tensor]
  public var sparseInitializers: [String: SparseTensor]
  public var docString: String
  /// Fields this library does not model, kept for round trips.
  public var unknownFields: [UInt8]

  public init(
    name: String = "", nodes: [Node] = [], inputs: [ValueInfo] = [], outputs: [ValueInfo] = [],
    valueInfo: [ValueInfo] = [], initializers: [String: Tensor] = [:]
  ) {
    self.name = name
    self.nodes = nodes
    self.inputs = inputs
    self.outputs = outputs
    self.valueInfo = valueInfo
    self.initializers = initializers
    self.sparseInitializers = [:]
    self.docString = ""
    self.unknownFields = []
  }

  /// Graph inputs that are not initializers: what a caller must feed.
  public var feedInputs: [ValueInfo] {
    inputs.filter { initializers[$0.name] == nil }
  }
}
