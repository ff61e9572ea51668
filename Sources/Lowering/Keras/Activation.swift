import ModelGraph

/// `Activation`, and the activation layers with their own class: `ELU`, `LeakyReLU`,
/// `Softmax`.
enum ActivationRule: KerasRule {
  static let classNames = ["Activation", "ELU", "LeakyReLU", "Softmax"]

  static func unsupported(_ node: Node) -> String? {
    node.opType == "Activation" ? KerasActivation.unsupported(node) : nil
  }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    var y = x
    switch layer.className {
    case "ELU": y.name = b.emit("Elu", [x.name], ["alpha": .float(layer.float("alpha") ?? 1)])
    case "LeakyReLU":
      // Keras 3 says negative_slope (default 0.3); tf.keras 2 said alpha.
      let slope = layer.float("negative_slope") ?? layer.float("alpha") ?? 0.3
      y.name = b.emit("LeakyRelu", [x.name], ["alpha": .float(slope)])
    case "Softmax":
      let axis = layer.ints("axis")?.first ?? -1
      y.name = b.emit("Softmax", [x.name], ["axis": .int(Int64(x.physicalAxis(axis)))])
    default:
      y.name = KerasActivation.apply(layer.string("activation") ?? "linear", to: x.name, axis: x.physicalAxis(-1), &b)
    }
    return y
  }
}
