import ModelGraph

/// Broadcasting binary ops → `Add`, `Sub`, `Mul`, `Div`, `MatMul`, `Where`; `maximum` and
/// `minimum` (Relax ops, or TOPI kernels of TVM's ONNX frontend) → `Max` / `Min`, or, against a
/// scalar, the one-sided `Clip` they are (`Clip(x, lo)` is `max(x, lo)` by ONNX's definition).
enum RelaxBinary {
  static func add(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Add", [e.input(0), e.input(1)]) }
  static func subtract(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Sub", [e.input(0), e.input(1)]) }
  static func multiply(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Mul", [e.input(0), e.input(1)]) }
  static func divide(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Div", [e.input(0), e.input(1)]) }
  static func matmul(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("MatMul", [e.input(0), e.input(1)]) }
  static func `where`(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Where", [e.input(0), e.input(1), e.input(2)]) }
  static func maximum(_ e: inout ATenEmitter) throws(LoweringError) { try bound(&e, "Max", lower: true) }
  static func minimum(_ e: inout ATenEmitter) throws(LoweringError) { try bound(&e, "Min", lower: false) }

  private static func bound(_ e: inout ATenEmitter, _ op: String, lower: Bool) throws(LoweringError) {
    let (x, y) = (e.input(0), e.input(1))
    guard try e.dims(y).allSatisfy({ $0 == .fixed(1) }), try e.rank(x) > 0 else { return e.finish(op, [x, y]) }
    e.finish("Clip", lower ? [x, y] : [x, "", y])
  }
}
