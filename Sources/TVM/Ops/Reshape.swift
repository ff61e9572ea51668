import ModelGraph

/// Reshape to a constant target; `0` copies the input's size on that axis (allowzero 0), `-1`
/// is inferred → `R.reshape`.
struct Reshape: RelaxOp {
  static let opType = "Reshape"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try node.require("allowzero", is: 0, default: 0, file: builder.file)
    let x = try builder.operand(node, 0)
    guard let target = try builder.constant(node, 1)?.int64s() else {
      throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "shape",
                             expected: "a constant int64 tensor", found: "absent or another type")
    }
    var sizes = target
    if target.contains(0) {
      let input = try builder.shape(node, of: node.inputs[0])
      for (axis, size) in target.enumerated() where size == 0 && axis < input.count { sizes[axis] = Int64(input[axis]) }
    }
    builder.bind(node, "R.reshape(\(x), R.shape(\(RelaxSpelling.ints(sizes))))")
  }
}
