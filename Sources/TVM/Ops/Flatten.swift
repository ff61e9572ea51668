import ModelGraph

/// `[d0 … d(axis-1), rest]` → `[d0·…·d(axis-1), -1]` → `R.reshape`. At axis 1 the leading size
/// is the batch axis, 1 in the TVM form, so the input's shape need not be recorded.
struct Flatten: RelaxOp {
  static let opType = "Flatten"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    let x = try builder.operand(node, 0)
    var axis = Int(node.int("axis", default: 1))
    var leading = 1
    if axis != 1 {
      let shape = try builder.shape(node, of: node.inputs[0])
      if axis < 0 { axis += shape.count }
      guard (0...shape.count).contains(axis) else {
        throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "axis",
                               expected: "in [-\(shape.count), \(shape.count)]", found: String(node.int("axis", default: 1)))
      }
      leading = shape[..<axis].reduce(1, *)
    }
    builder.bind(node, "R.reshape(\(x), R.shape([\(leading), -1]))")
  }
}
