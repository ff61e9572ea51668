import ModelGraph

/// Turns one node of model.json into an aten-dialect `Node`.
///
/// `torch.ops.aten.conv2d.default` becomes opType `conv2d.default` in domain `aten`; other
/// targets (`_operator.getitem`, higher-order ops, other namespaces) keep their full target in
/// domain `pytorch`. For overloads in `ATenSchema.all`, arguments are arranged by the schema and
/// omitted ones filled with its defaults (see `ATenParameter`); for the rest, tensor arguments
/// become inputs and every other argument an attribute, in file order.
struct PT2Node {
  static let atenPrefix = "torch.ops.aten."

  static func decode(_ json: JSONCursor, file: String) throws(ImportError) -> Node {
    let target = try json["target"].string()
    var outputs: [String] = []
    for output in try json["outputs"].array() {
      switch try PT2Argument(output) {
      case .tensor(let name): outputs.append(name)
      case .tensors(let names): outputs += names
      case .none, .value: outputs.append("")
      }
    }
    let name = try json.optional("name")?.string() ?? outputs.first(where: { !$0.isEmpty }) ?? target
    var arguments: [(name: String, value: PT2Argument)] = []
    for (i, input) in try json["inputs"].array().enumerated() {
      arguments.append((try input.optional("name")?.string() ?? "arg\(i)", try PT2Argument(input["arg"])))
    }
    let isATen = target.hasPrefix(atenPrefix)
    let opType = isATen ? String(target.dropFirst(atenPrefix.count)) : target
    var node = Node(name: name, opType: opType, domain: isATen ? "aten" : "pytorch", inputs: [], outputs: outputs)
    if let schema = ATenSchema.byOp[opType], isATen {
      try arrange(&node, arguments, schema, file: file)
    } else {
      for (argName, value) in arguments {
        switch value {
        case .tensor(let t): node.inputs.append(t)
        case .tensors(let ts): node.inputs += ts
        case .none: break
        case .value(let v): node.attributes[argName] = v
        }
      }
    }
    let metadata = try json.optional("metadata")
    let layer = try metadata?.optional("nn_module_stack").map { (s: JSONCursor) throws(ImportError) in
      modulePath(try s.string())
    } ?? ""
    node.provenance = Provenance(sourceLayer: layer.isEmpty ? name : layer, sourceOp: "aten." + opType, sourceNode: name)
    return node
  }

  /// Places arguments by schema: tensor slots in order, values by name, defaults for the rest.
  private static func arrange(
    _ node: inout Node, _ arguments: [(name: String, value: PT2Argument)], _ schema: ATenSchema, file: String
  ) throws(ImportError) {
    let given = Dictionary(arguments.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    for parameter in schema.parameters {
      let value = given[parameter.name]
      switch (parameter.kind, value) {
      case (.tensor, .tensor(let t)?), (.optionalTensor, .tensor(let t)?):
        node.inputs.append(t)
      case (.tensorList, .tensors(let ts)?):
        node.inputs += ts
      case (.tensor, .value(let v)?), (.optionalTensor, .value(let v)?):
        // A Python number in a Tensor slot (`add.Tensor(x, 3)`).
        node.inputs.append("")
        node.attributes[parameter.name] = v
      case (.optionalTensor, .none?), (.optionalTensor, nil):
        node.inputs.append("")
      case (.value, .value(let v)?):
        node.attributes[parameter.name] = v
      case (.value, .none?):
        break
      case (.value, nil):
        switch parameter.defaultValue {
        case .value(let v): node.attributes[parameter.name] = v
        case .none: break
        case .required: throw .missingArgument(file: file, node: node.name, op: schema.op, argument: parameter.name)
        }
      case (_, nil), (.tensor, .none?), (.tensorList, .none?):
        throw .missingArgument(file: file, node: node.name, op: schema.op, argument: parameter.name)
      case (.value, .tensor?), (.value, .tensors?), (.tensor, .tensors?), (.optionalTensor, .tensors?),
        (.tensorList, .tensor?), (.tensorList, .value?):
        throw .unsupportedArgument(file: file, node: node.name, argument: parameter.name,
                                   reason: "its kind does not match the schema of \(schema.op)")
      }
    }
  }

  /// The innermost module path of an `nn_module_stack` (`"L__self__,,M;L__self__conv,conv,Conv2d"`
  /// → `"conv"`); each entry is `key,path,type` and paths hold no commas.
  static func modulePath(_ stack: String) -> String {
    guard let last = stack.split(separator: ";").last else { return "" }
    let parts = last.split(separator: ",", omittingEmptySubsequences: false)
    return parts.count >= 3 ? String(parts[1]) : ""
  }
}
