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
