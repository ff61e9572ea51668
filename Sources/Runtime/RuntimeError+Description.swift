import ModelGraph

extension RuntimeError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unsupportedOps(let ops, let supported):
      let list = ops.map { op in
        let nodes = op.nodes.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        let more = op.nodes.count > 3 ? " and \(op.nodes.count - 3) more" : ""
        let domain = op.domain.isEmpty ? "" : "\(op.domain)."
        let near = OpSuggestions.closest(to: domain + op.op, among: supported)
        let hint = near.first == domain + op.op ? "; implemented only from a later opset"
          : near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"
        return "\(domain)\(op.op) (opset \(op.opset), node \(nodes)\(more)\(hint))"
      }
      return "unsupported ops: \(list.joined(separator: "; "))"
    case .invalidGraph(let error):
      return "invalid graph: \(error)"
    case .arity(let node, let op, let expected, let found):
      return "node '\(node)' (\(op)) has \(found) inputs; \(op) takes \(Self.range(expected))"
    case .unknownInput(let name, let expected):
      return "input '\(name)' is not an input of the model; it expects \(expected.map { "'\($0)'" }.joined(separator: ", "))"
    case .missingInput(let name, let expected):
      return "input '\(name)' (\(Self.describe(expected))) was not given"
    case .inputDType(let name, let expected, let found):
      return "input '\(name)' has dtype \(found.name), expected \(expected.name)"
    case .inputShape(let name, let expected, let found):
      return "input '\(name)' has shape \(found), expected [\(expected.map(\.description).joined(separator: ", "))]"
    case .missingOperand(let index):
      return "input \(index) is required but missing"
    case .attribute(let name, let expected, let found):
      return "attribute '\(name)' is \(found), expected \(expected)"
    case .dtype(let input, let expected, let found):
      return "input \(input) has dtype \(found.name), expected \(expected)"
    case .shape(let input, let expected, let found):
      return "input \(input) has shape \(found), expected \(expected)"
    case .unsupportedISA(let name, let supported):
      return "instruction-set level '\(name)' is not available here; this CPU runs \(supported.joined(separator: ", "))"
    case .unsupported(let what):
      return "not supported: \(what)"
    case .outputCount(let expected, let found):
      return "the kernel produced \(found) outputs, the node names \(expected)"
    case .node(let name, let op, let error):
      return "node '\(name)' (\(op)): \(error)"
    case .unknownNode(let name):
      return "no node named '\(name)' in the graph"
    case .unknownTensor(let name):
      return "no tensor named '\(name)' in the graph"
    case .sink(let tensor, let message):
      return "could not store tensor '\(tensor)': \(message)"
    case .memoryLimit(let after, let bytes, let limit):
      let mib = { (n: Int) in n >= 1 << 20 ? "\(n >> 20) MiB" : "\(n) bytes" }
      return "activations need \(mib(bytes))" + (after.map { " after '\($0)'" } ?? " for the inputs alone")
        + ", more than the memory limit of \(mib(limit)) (--max-memory); stream captures to a file, use fewer inputs or raise the limit"
    }
  }

  static func range(_ r: ClosedRange<Int>) -> String {
    r.lowerBound == r.upperBound ? "\(r.lowerBound)" : r.upperBound == .max ? "at least \(r.lowerBound)" : "\(r.lowerBound) to \(r.upperBound)"
  }

  static func describe(_ type: ValueType) -> String {
    guard let dtype = type.elementType else { return "\(type)" }
    guard let shape = type.shape else { return dtype.name }
    return "\(dtype.name) [\(shape.map(\.description).joined(separator: ", "))]"
  }
}
