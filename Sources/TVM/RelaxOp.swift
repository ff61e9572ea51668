import ModelGraph

/// One ONNX op's Relax form: `emit` writes the node's bindings into the builder.
///
/// ```swift
/// struct Relu: RelaxOp {
///   static let opType = "Relu"
///   static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
///     builder.bind(node, "R.nn.relu(\(try builder.operand(node, 0)))")
///   }
/// }
/// ```
protocol RelaxOp {
  static var opType: String { get }
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError)
}

extension RelaxOp {
  /// `name(x)` for a one-input elementwise op.
  static func unary(_ function: String, _ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    builder.bind(node, "\(function)(\(try builder.operand(node, 0)))")
  }

  /// `name(a, b)` for a broadcasting two-input op.
  static func binary(_ function: String, _ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    let a = try builder.operand(node, 0), b = try builder.operand(node, 1)
    builder.bind(node, "\(function)(\(a), \(b))")
  }
}
