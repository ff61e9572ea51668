import ModelGraph

/// Errors of the `Lowering` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `LoweringError+Description.swift`.
public enum LoweringError: Error, Sendable {
  /// Ops of the model that no rule lowers, each with the nodes using it — all of them at once.
  case unsupportedOps(file: String, ops: [UnsupportedOp])
  /// A node's argument has a value the rule cannot express (or lacks one).
  case invalidArgument(file: String, node: String, op: String, argument: String, expected: String, found: String)
  /// A rule needs a tensor's static shape, which the source does not record.
  case unknownShape(file: String, node: String, tensor: String)
  /// The lowered graph is inconsistent (a broken rule or a source graph the rules do not expect).
  case invalidGraph(file: String, problem: GraphError)

  // MARK: Keras
  /// Layers no rule can lower, all of them at once: `(layer, class, why)`; `supported` lists
  /// the classes that have a rule.
  case unsupportedLayers([UnsupportedLayer], supported: [String])
  /// A layer's weight is missing or has a shape its config does not allow.
  case badWeight(layer: String, weight: String, expected: String, found: String)
  /// A layer's input has a rank or shape the layer cannot take.
  case badInput(layer: String, expected: String, found: String)
  /// The graph's nodes are in no dialect a lowering exists for.
  case unknownDialect(domain: String, supported: [String])
  /// The requested opset is not the one the rules emit.
  case unsupportedOpset(requested: Int, supported: [Int])
}

/// One unsupported source op and the nodes that use it.
public struct UnsupportedOp: Sendable, Hashable {
  public var op: String
  public var nodes: [String]

  public init(op: String, nodes: [String]) {
    self.op = op
    self.nodes = nodes
  }
}

/// One Keras layer that cannot be lowered, and why.
public struct UnsupportedLayer: Sendable, Hashable {
  public var layer: String
  public var className: String
  public var reason: String

  public init(layer: String, className: String, reason: String) {
    self.layer = layer
    self.className = className
    self.reason = reason
  }
}
