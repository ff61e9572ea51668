import ModelGraph

/// Elementwise Relax ops → their ONNX op: `nn.relu`, `sigmoid`, `tanh`, `isnan`,
/// `nn.leakyrelu(alpha)`, `nn.softmax(axis)`, `clip(x, min, max)` with scalar bounds.
enum RelaxActivation {
  static func relu(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Relu", [e.input(0)]) }
  static func sigmoid(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Sigmoid", [e.input(0)]) }
  static func tanh(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Tanh", [e.input(0)]) }
  static func isnan(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("IsNaN", [e.input(0)]) }

  static func leakyRelu(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("LeakyRelu", [e.input(0)], ["alpha": .float(Float(try e.number("alpha")))])
  }

  static func softmax(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("Softmax", [e.input(0)], ["axis": .int(Int64(e.has("axis") ? try e.int("axis") : -1))])
  }

  /// `R.clip(x, min, max)`: the bounds are the scalar arguments 1 and 2.
  static func clip(_ e: inout ATenEmitter) throws(LoweringError) {
    let lo = e.scalar(try e.number("arg1"), .float32, "min"), hi = e.scalar(try e.number("arg2"), .float32, "max")
    e.finish("Clip", [e.input(0), lo, hi])
  }
}
