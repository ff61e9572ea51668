import ModelGraph

/// An op verify has no dedicated model for, kept as its graph spells it: the attributes and
/// the constant operands by input slot. Two such steps implement the same function when their
/// op types, attributes and constants agree; because the source side is the converter's own
/// lowering, every layer `convert` accepts is compared at least this way.
struct GenericOp: Sendable {
  var attributes: [String: Attribute]
  /// Constant operands by input slot.
  var constants: [Int: WeightRef]

  init(_ node: Node, constants: Constants) {
    attributes = node.attributes
    var found: [Int: WeightRef] = [:]
    for (i, name) in node.inputs.enumerated() where !name.isEmpty {
      if let c = constants[name] { found[i] = c }
    }
    self.constants = found
  }
}
