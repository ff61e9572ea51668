import ModelGraph

/// `Dense` → `Gemm` for `[N, features]` inputs; on higher ranks it applies to the last Keras
/// axis: `MatMul` + `Add` on the channels-last tensor. Plus its activation.
enum DenseRule: KerasRule {
  static let classNames = ["Dense"]

  static func unsupported(_ node: Node) -> String? { KerasActivation.unsupported(node) }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    let kernel = try layer.weight("kernel")
    try ConvWindow.check(kernel, [x.shape.last ?? nil, nil], layer: layer, weight: "kernel")
    let units = kernel.shape[1]
    let bias = layer.weights["bias"]
    var y: String
    if x.rank == 2 {
      var inputs = [x.name, b.constant("W", kernel)]
      if let bias { inputs.append(b.constant("B", bias)) }
      y = b.emit("Gemm", inputs)
    } else {
      y = b.emit("MatMul", [b.channelsLast(x), b.constant("W", kernel)])
      if let bias { y = b.emit("Add", [y, b.constant("B", bias)]) }
    }
    let result = KerasValue(name: y, shape: Array(x.shape.dropLast()) + [units], channelsFirst: false)
    return KerasActivation.inLayer(layer, result, &b)
  }
}
