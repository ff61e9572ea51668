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
    attributes = (Self.defaults[node.opType] ?? [:]).merging(node.attributes) { _, set in set }
    var found: [Int: WeightRef] = [:]
    for (i, name) in node.inputs.enumerated() where !name.isEmpty {
      if let c = constants[name] { found[i] = c }
    }
    self.constants = found
  }

  /// The ONNX spec's defaults of the attributes our lowering sets, so an attribute left unset
  /// by one converter and spelled out by another compares equal.
  static let defaults: [String: [String: Attribute]] = [
    "ConvTranspose": ["group": .int(1)],
    "LayerNormalization": ["axis": .int(-1), "epsilon": .float(1e-5), "stash_type": .int(1)],
    "Resize": ["coordinate_transformation_mode": .string("half_pixel"), "mode": .string("nearest"),
               "nearest_mode": .string("round_prefer_floor"), "cubic_coeff_a": .float(-0.75), "exclude_outside": .int(0),
               "extrapolation_value": .float(0)],
    "Selu": ["alpha": .float(1.67326319217681884765625), "gamma": .float(1.05070102214813232421875)],
  ]
}
