import ModelGraph

/// Errors of the `TVM` module. Cases carry the file, node and op concerned and what was
/// expected; their text is rendered in `TVMError+Description.swift`.
public enum TVMError: Error, Sendable {
  /// Ops of the graph no Relax rule emits, each with the nodes using it — all of them at once.
  case unsupportedOps(file: String, ops: [UnsupportedRelaxOp], supported: [String])
  /// A node's attribute or constant input has a value the Relax op cannot express.
  case invalidArgument(file: String, node: String, op: String, argument: String, expected: String, found: String)
  /// A rule needs a tensor's static shape, which the graph does not record.
  case unknownShape(file: String, node: String, tensor: String)
  /// A node reads a value no earlier node, input or weight produces.
  case undefinedValue(file: String, node: String, value: String)
  /// A weight or input of an element type the emitter does not write.
  case unsupportedType(file: String, value: String, dtype: String)
  /// The destination folder exists and `force` was not given.
  case outputExists(path: String)
  /// A relax-graph JSON document (or its values .npz) that does not parse or does not describe a
  /// closed dataflow; `binding` names the binding concerned, when there is one.
  case badRelaxGraph(file: String, binding: String?, reason: String)
  /// Writing the TVM folder failed; nothing was left at the destination.
  case writeFailed(path: String, reason: String)
}

/// One op the Relax emitter does not know, and the nodes that use it.
public struct UnsupportedRelaxOp: Sendable, Hashable {
  public var op: String
  public var nodes: [String]

  public init(op: String, nodes: [String]) {
    self.op = op
    self.nodes = nodes
  }
}
