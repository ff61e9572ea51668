import ModelGraph

/// Elementwise activations with a direct ONNX op; `silu` is `x · sigmoid(x)`.
enum Activations {
  static func relu(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Relu", [e.input(0)]) }

  static func sigmoid(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Sigmoid", [e.input(0)]) }

  static func hardswish(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("HardSwish", [e.input(0)]) }

  /// torch: `relu6(x + 3) / 6`, i.e. ONNX `HardSigmoid` with alpha 1/6, beta 0.5.
  static func hardsigmoid(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("HardSigmoid", [e.input(0)], ["alpha": .float(1.0 / 6.0), "beta": .float(0.5)])
  }

  static func silu(_ e: inout ATenEmitter) throws(LoweringError) {
    let s = e.emit("Sigmoid", [e.input(0)])
    e.finish("Mul", [e.input(0), s])
  }
}
