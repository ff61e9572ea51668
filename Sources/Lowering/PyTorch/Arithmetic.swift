import ModelGraph

/// `add`/`sub` (with `alpha`), `mul`, `div` in their `.Tensor`, `.Scalar` and in-place forms.
/// `other` is a tensor slot or a Python number (attribute `other`); operands are cast to the
/// output's dtype first, as torch promotes (`int_tensor / 2` is float).
enum Arithmetic {
  static func add(_ e: inout ATenEmitter) throws(LoweringError) { try lower(&e, "Add", alpha: true) }
  static func sub(_ e: inout ATenEmitter) throws(LoweringError) { try lower(&e, "Sub", alpha: true) }
  static func mul(_ e: inout ATenEmitter) throws(LoweringError) { try lower(&e, "Mul", alpha: false) }

  static func div(_ e: inout ATenEmitter) throws(LoweringError) {
    if e.has("rounding_mode") {
      throw e.fail("rounding_mode", expected: "None", found: "\(try e.string("rounding_mode"))")
    }
    try lower(&e, "Div", alpha: false)
  }

  private static func lower(_ e: inout ATenEmitter, _ op: String, alpha hasAlpha: Bool) throws(LoweringError) {
    let dtype = e.dtype(e.result())
    let alpha = hasAlpha ? try e.number("alpha") : 1
    let x = cast(&e, e.input(0), to: dtype)
    var y: String
    if e.input(1).isEmpty {
      y = e.scalar(try e.number("other") * alpha, dtype, "other")
    } else {
      y = cast(&e, e.input(1), to: dtype)
      if alpha != 1 { y = e.emit("Mul", [y, e.scalar(alpha, dtype, "alpha")]) }
    }
    e.finish(op, [x, y])
  }

  private static func cast(_ e: inout ATenEmitter, _ tensor: String, to dtype: DType) -> String {
    e.dtype(tensor) == dtype ? tensor : e.emit("Cast", [tensor], ["to": .int(Int64(dtype.rawValue))])
  }
}
