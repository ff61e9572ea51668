import ModelGraph

/// Joins the inputs along `axis` → `R.concat`.
struct Concat: RelaxOp {
  static let opType = "Concat"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    guard let axis = node.attributes["axis"]?.int else {
      throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "axis",
                             expected: "an integer", found: "absent")
    }
    var parts: [String] = []
    for index in node.inputs.indices { parts.append(try builder.operand(node, index)) }
    builder.bind(node, "R.concat((\(parts.joined(separator: ", "))\(parts.count == 1 ? "," : "")), axis=\(axis))")
  }
}
