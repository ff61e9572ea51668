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
    case .unsupportedLayers(let layers, let supported):
      "\(layers.count) layer\(layers.count == 1 ? "" : "s") cannot be converted:\n"
        + layers.map { "  '\($0.layer)' (\($0.className)): \($0.reason)" }.joined(separator: "\n")
        + "\nsupported layer classes: \(supported.joined(separator: ", "))"
    case .badWeight(let layer, let weight, let expected, let found):
      "layer '\(layer)': weight '\(weight)' should be \(expected), found \(found)"
    case .badInput(let layer, let expected, let found):
      "layer '\(layer)': input should be \(expected), found \(found)"
    case .unknownDialect(let domain, let supported):
      "no lowering for nodes of domain '\(domain)' (supported: \(supported.joined(separator: ", ")))"
    case .unsupportedOpset(let requested, let supported):
      "opset \(requested) is not supported; the rules emit opset \(supported.map(String.init).joined(separator: ", "))"
    }
  }
}
