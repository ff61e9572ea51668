/// Structural problems of a graph, each naming the node and tensor concerned.
public enum GraphError: Error, Sendable, Hashable {
  /// `node` reads `tensor`, which no graph input, initializer or earlier node defines.
  case undefinedTensor(node: String, tensor: String)
  /// `tensor` is produced twice, by `first` and by `second`.
  case duplicateDefinition(tensor: String, first: String, second: String)
  /// The nodes named form a cycle (or read values only produced later in a cycle).
  case cycle(nodes: [String])
  /// A graph output that nothing defines.
  case undefinedOutput(tensor: String)
}

extension GraphError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .undefinedTensor(let node, let tensor):
      "node '\(node)' reads tensor '\(tensor)', which no graph input, initializer or earlier node defines"
    case .duplicateDefinition(let tensor, let first, let second):
      "tensor '\(tensor)' is produced by both '\(first)' and '\(second)'; each tensor must have one producer"
    case .cycle(let nodes):
      "the graph has a cycle through \(nodes.prefix(5).map { "'\($0)'" }.joined(separator: ", "))\(nodes.count > 5 ? " and \(nodes.count - 5) more" : "")"
    case .undefinedOutput(let tensor):
      "graph output '\(tensor)' is not produced by any node, input or initializer"
    }
  }
}
