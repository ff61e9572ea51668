extension LoweringError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unsupportedOps(let file, let ops):
      "\(file): \(ops.count) unsupported op\(ops.count == 1 ? "" : "s"): "
        + ops.map { op in
          let shown = op.nodes.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
          return "\(op.op) (node\(op.nodes.count == 1 ? "" : "s") \(shown)\(op.nodes.count > 5 ? " and \(op.nodes.count - 5) more" : ""))"
        }.joined(separator: "; ")
    case .invalidArgument(let file, let node, let op, let argument, let expected, let found):
      "\(file): node '\(node)' (\(op)): argument '\(argument)' must be \(expected), found \(found)"
    case .unknownShape(let file, let node, let tensor):
      "\(file): node '\(node)' needs the static shape of '\(tensor)', which the model does not record"
    case .invalidGraph(let file, let problem):
      "\(file): the lowered graph is invalid: \(problem)"
    }
  }
}
