import ModelGraph

/// `relax.nn.batch_norm(x, gamma, beta, mean, var; axis, epsilon)` in inference → one
/// `BatchNormalization` on the channel axis 1; its tuple's field 0 is read by `TupleGetItem`.
enum RelaxBatchNorm {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    if e.has("training"), try e.bool("training") { throw e.fail("training", expected: "False (inference)", found: "True") }
    if e.has("axis"), try e.int("axis") != 1 { throw e.fail("axis", expected: "1 (NCHW channels)", found: "\(try e.int("axis"))") }
    e.finish("BatchNormalization", (0..<5).map { e.input($0) }, ["epsilon": .float(Float(try e.number("epsilon")))])
  }
}
