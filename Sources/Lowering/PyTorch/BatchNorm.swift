import ModelGraph

/// `batch_norm` (eval mode) and `_native_batch_norm_legit_no_training` → `BatchNormalization`
/// with torch's epsilon; a missing affine weight or bias becomes ones or zeros.
enum BatchNorm {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    if e.has("training"), try e.bool("training") {
      throw e.fail("training", expected: "False (a model exported in eval mode)", found: "True")
    }
    let mean = e.input(3), variance = e.input(4)
    guard !mean.isEmpty, !variance.isEmpty else {
      throw e.fail("running_mean", expected: "running statistics", found: "None")
    }
    let channels = try e.shape(mean).reduce(1, *)
    let dtype = e.dtype(mean)
    let scale = e.input(1).isEmpty ? e.constant(filled(1, channels, dtype), "ones") : e.input(1)
    let bias = e.input(2).isEmpty ? e.constant(filled(0, channels, dtype), "zeros") : e.input(2)
    e.finish("BatchNormalization", [e.input(0), scale, bias, mean, variance], [
      "epsilon": .float(Float(try e.number("eps"))),
      "momentum": .float(Float(1 - (try e.number("momentum")))),
    ])
  }

  private static func filled(_ value: Float, _ count: Int, _ dtype: DType) -> Tensor {
    dtype == .float64
      ? Tensor(values: [Double](repeating: Double(value), count: count), dtype: .float64, shape: [count])
      : Tensor([Float](repeating: value, count: count), shape: [count])
  }
}
