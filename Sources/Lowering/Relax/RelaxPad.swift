import ModelGraph

/// `relax.nn.pad(pad_width, pad_value, pad_mode)` and TOPI's pad kernel from TVM's ONNX frontend
/// (its widths measured by the helper, `relax_json.pad_widths`) → `Pad`. Relax lists
/// `[before₀, after₀, before₁, …]`; ONNX `[begins…, ends…]`. Constant mode only.
enum RelaxPad {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    guard e.has("pad_width") else {
      throw e.fail("pad_width", expected: "the widths of TOPI's pad (measured by the helper)", found: "a kernel that is not a constant pad")
    }
    let mode = e.has("pad_mode") ? try e.string("pad_mode") : "constant"
    guard mode == "constant" else { throw e.fail("pad_mode", expected: "constant", found: mode) }
    let widths = try e.ints("pad_width")
    guard widths.count % 2 == 0 else { throw e.fail("pad_width", expected: "pairs (before, after) per axis", found: "\(widths)") }
    let pads = stride(from: 0, to: widths.count, by: 2).map { widths[$0] } + stride(from: 1, to: widths.count, by: 2).map { widths[$0] }
    let value = e.has("pad_value") ? try e.number("pad_value") : 0
    e.finish("Pad", [e.input(0), e.int64s(pads, "pads"), e.scalar(value, e.dtype(e.input(0)), "value")], ["mode": .string("constant")])
  }
}
