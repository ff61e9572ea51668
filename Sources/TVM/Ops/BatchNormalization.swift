import ModelGraph

/// Inference batch normalization over axis 1, `Y = (X - mean) / sqrt(var + epsilon) · scale + B`
/// → `R.nn.batch_norm(training=False)`, whose first tuple field is `Y`. Kept as its own op (not
/// folded) so the layer stays a binding of its own.
struct BatchNormalization: RelaxOp {
  static let opType = "BatchNormalization"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try node.require("training_mode", is: 0, default: 0, file: builder.file)
    var arguments: [String] = []
    for index in 0..<5 { arguments.append(try builder.operand(node, index)) }
    let epsilon = try builder.float(node, "epsilon", node.float("epsilon", default: 1e-5))
    let tuple = builder.step(node, "tuple", "R.nn.batch_norm(\(arguments.joined(separator: ", ")), axis=1, "
      + "epsilon=\(epsilon), center=True, scale=True, training=False)")
    builder.bind(node, "\(tuple)[0]")
  }
}
