import ModelGraph

/// `ReLU(max_value, negative_slope, threshold)`: `x` for `threshold ≤ x < max_value`,
/// `max_value` above, `negative_slope · (x − threshold)` below. Common cases map to one op:
/// `Relu`, `Clip(0, max)` (ReLU6), `LeakyRelu`.
enum ReLURule: KerasRule {
  static let classNames = ["ReLU"]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    let maxValue = layer.float("max_value"), slope = layer.float("negative_slope") ?? 0
    let threshold = layer.float("threshold") ?? 0
    func scalar(_ v: Float, _ label: String) -> String { b.constant(label, Tensor([v], shape: [])) }
    var y: String
    if threshold == 0 && slope == 0 {
      y = maxValue.map { b.emit("Clip", [x.name, scalar(0, "min"), scalar($0, "max")]) } ?? b.emit("Relu", [x.name])
    } else {
      if threshold == 0 {
        y = b.emit("LeakyRelu", [x.name], ["alpha": .float(slope)])
      } else {
        // where(x ≥ threshold, x, slope · (x − threshold))
        let below = b.emit("Mul", [b.emit("Sub", [x.name, scalar(threshold, "threshold")]), scalar(slope, "slope")])
        let keep = b.emit("GreaterOrEqual", [x.name, scalar(threshold, "threshold")])
        y = b.emit("Where", [keep, x.name, below])
      }
      if let maxValue { y = b.emit("Min", [y, scalar(maxValue, "max")]) }
    }
    return KerasValue(name: y, shape: x.shape, channelsFirst: x.channelsFirst)
  }
}
