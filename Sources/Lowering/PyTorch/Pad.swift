import ModelGraph

/// `constant_pad_nd(pad, value)` and `pad(pad, mode, value)` → `Pad`. torch lists pads from the
/// last dim backwards as (begin, end) pairs; ONNX wants all begins, then all ends, in dim order.
enum Pad {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let x = e.input(0), rank = try e.rank(x)
    let pad = try e.ints("pad")
    guard pad.count % 2 == 0, pad.count / 2 <= rank else {
      throw e.fail("pad", expected: "(begin, end) pairs for at most \(rank) dims", found: "\(pad)")
    }
    var begins = [Int](repeating: 0, count: rank), ends = begins
    for k in 0..<(pad.count / 2) {
      begins[rank - 1 - k] = pad[2 * k]
      ends[rank - 1 - k] = pad[2 * k + 1]
    }
    let modes = ["constant": "constant", "reflect": "reflect", "replicate": "edge"]
    let mode = e.has("mode") ? try e.string("mode") : "constant"
    guard let onnxMode = modes[mode] else {
      throw e.fail("mode", expected: "constant, reflect or replicate", found: mode)
    }
    var inputs = [x, e.int64s(begins + ends, "pads")]
    if onnxMode == "constant", let value = try e.optionalNumber("value"), value != 0 {
      inputs.append(e.scalar(value, e.dtype(x), "value"))
    }
    e.finish("Pad", inputs, ["mode": .string(onnxMode)])
  }
}
