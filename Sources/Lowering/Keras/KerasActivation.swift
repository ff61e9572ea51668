import ModelGraph

/// Keras activation functions (`activation="relu"` in a layer, or an `Activation` layer) as
/// ONNX nodes. Definitions are Keras 3's (`keras.activations`).
enum KerasActivation {
  static let supported: Set<String> = [
    "elu", "exponential", "gelu", "hard_sigmoid", "hard_silu", "hard_swish", "leaky_relu", "linear", "log_softmax",
    "mish", "relu", "relu6", "selu", "sigmoid", "silu", "softmax", "softplus", "softsign", "swish", "tanh",
  ]

  /// Why the node's `activation` cannot be converted, or `nil`.
  static func unsupported(_ node: Node) -> String? {
    guard let attribute = node.attributes["activation"] else { return nil }
    guard let name = attribute.string, supported.contains(name) else {
      return "activation \(attribute.string.map { "'\($0)'" } ?? "(custom object)") is not supported (supported: \(supported.sorted().joined(separator: ", ")))"
    }
    return nil
  }

  /// `activation(x)`; `x` unchanged for `linear`. `axis` is the ONNX axis softmax works on.
  static func apply(_ name: String, to x: String, axis: Int, _ b: inout KerasLowering) -> String {
    func scalar(_ v: Float, _ label: String) -> String { b.constant(label, Tensor([v], shape: [])) }
    switch name {
    case "relu": return b.emit("Relu", [x])
    case "relu6": return b.emit("Clip", [x, scalar(0, "min"), scalar(6, "max")])
    case "sigmoid": return b.emit("Sigmoid", [x])
    case "tanh": return b.emit("Tanh", [x])
    case "softmax": return b.emit("Softmax", [x], ["axis": .int(Int64(axis))])
    case "log_softmax": return b.emit("LogSoftmax", [x], ["axis": .int(Int64(axis))])
    case "swish", "silu": return b.emit("Mul", [x, b.emit("Sigmoid", [x])])
    // Keras 3: relu6(x + 3) / 6, i.e. clip(x / 6 + 0.5, 0, 1).
    case "hard_sigmoid": return b.emit("HardSigmoid", [x], ["alpha": .float(1.0 / 6), "beta": .float(0.5)])
    case "hard_silu", "hard_swish": return b.emit("HardSwish", [x])
    case "elu": return b.emit("Elu", [x], ["alpha": .float(1)])
    case "selu": return b.emit("Selu", [x], ["alpha": .float(1.6732632423543772), "gamma": .float(1.0507009873554805)])
    case "softplus": return b.emit("Softplus", [x])
    case "softsign": return b.emit("Softsign", [x])
    case "exponential": return b.emit("Exp", [x])
    case "leaky_relu": return b.emit("LeakyRelu", [x], ["alpha": .float(0.2)])
    case "mish": return b.emit("Mul", [x, b.emit("Tanh", [b.emit("Softplus", [x])])])
    case "gelu":
      // Exact GELU (Keras' default approximate=False): x · ½ · (1 + erf(x / √2)).
      let erf = b.emit("Erf", [b.emit("Div", [x, scalar(Float(2).squareRoot(), "sqrt2")])])
      let half = b.emit("Mul", [b.emit("Add", [erf, scalar(1, "one")]), scalar(0.5, "half")])
      return b.emit("Mul", [x, half])
    default: return x  // "linear"; anything else was refused by `unsupported`.
    }
  }

  /// The layer's in-layer `activation` applied to `value` (Conv2D, Dense, …).
  static func inLayer(_ layer: KerasLayer, _ value: KerasValue, _ b: inout KerasLowering) -> KerasValue {
    guard let name = layer.string("activation"), name != "linear" else { return value }
    var result = value
    result.name = apply(name, to: value.name, axis: value.physicalAxis(-1), &b)
    return result
  }
}
