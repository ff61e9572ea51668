import ModelGraph

/// `Y = min(max(X, min), max)` with constant bounds (absent: ±largest float) → `R.clip`, whose
/// bounds are prim values.
struct Clip: RelaxOp {
  static let opType = "Clip"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    let x = try builder.operand(node, 0)
    var bounds: [String] = []
    for (index, fallback) in [(1, -Float.greatestFiniteMagnitude), (2, Float.greatestFiniteMagnitude)] {
      var value = fallback
      if let tensor = try builder.constant(node, index) {
        guard let values = tensor.floats(), values.count == 1 else {
          throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "input \(index)",
                                 expected: "a float scalar", found: "\(tensor.dtype.name)\(tensor.shape)")
        }
        value = values[0]
      }
      bounds.append("R.prim_value(T.float32(\(try builder.float(node, "input \(index)", value))))")
    }
    builder.bind(node, "R.clip(\(x), \(bounds[0]), \(bounds[1]))")
  }
}
