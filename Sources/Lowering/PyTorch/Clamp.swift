import ModelGraph

/// `clamp`, `clamp_min`, `clamp_max`, `hardtanh(min_val, max_val)` and `relu6` → `Clip` with
/// scalar bounds of the input's type (an absent bound is an omitted input).
enum Clamp {
  static func clamp(_ e: inout ATenEmitter) throws(LoweringError) {
    try clip(&e, min: try e.optionalNumber("min"), max: try e.optionalNumber("max"))
  }

  static func hardtanh(_ e: inout ATenEmitter) throws(LoweringError) {
    try clip(&e, min: try e.number("min_val"), max: try e.number("max_val"))
  }

  static func relu6(_ e: inout ATenEmitter) throws(LoweringError) { try clip(&e, min: 0, max: 6) }

  private static func clip(_ e: inout ATenEmitter, min: Double?, max: Double?) throws(LoweringError) {
    let x = e.input(0), dtype = e.dtype(x)
    let lo = min.map { e.scalar($0, dtype, "min") } ?? ""
    let hi = max.map { e.scalar($0, dtype, "max") } ?? ""
    var inputs = [x, lo, hi]
    while inputs.last == "" { inputs.removeLast() }
    e.finish("Clip", inputs)
  }
}
