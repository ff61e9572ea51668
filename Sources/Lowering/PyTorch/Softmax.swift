import ModelGraph

/// `softmax.int` / `_softmax` → `Softmax`, `log_softmax.int` / `_log_softmax` → `LogSoftmax`
/// (opset 13+: one axis); a `dtype` argument casts the input first.
enum Softmax {
  static func softmax(_ e: inout ATenEmitter) throws(LoweringError) { try lower(&e, "Softmax") }
  static func logSoftmax(_ e: inout ATenEmitter) throws(LoweringError) { try lower(&e, "LogSoftmax") }

  private static func lower(_ e: inout ATenEmitter, _ op: String) throws(LoweringError) {
    let axis = try e.axis(try e.int("dim"), rank: try e.rank(e.input(0)), argument: "dim")
    var x = e.input(0)
    let out = e.dtype(e.result())
    if e.dtype(x) != out { x = e.emit("Cast", [x], ["to": .int(Int64(out.rawValue))]) }
    e.finish(op, [x], ["axis": .int(Int64(axis))])
  }
}
