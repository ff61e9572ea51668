import ModelGraph

/// Data movement: `reshape(x, shape)` → `Reshape`, `permute_dims(axes)` → `Transpose`,
/// `squeeze(axis)` → `Squeeze`, `concat(fields; axis)` → `Concat`.
enum RelaxShape {
  static func reshape(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("Reshape", [e.input(0), e.int64s(try e.ints("shape"), "shape")])
  }

  static func permuteDims(_ e: inout ATenEmitter) throws(LoweringError) {
    let axes = e.has("axes") ? try e.ints("axes") : Array((0..<(try e.rank(e.input(0)))).reversed())
    e.finish("Transpose", [e.input(0)], ["perm": .ints(axes.map { Int64($0) })])
  }

  static func squeeze(_ e: inout ATenEmitter) throws(LoweringError) {
    guard e.has("axis") else { return e.finish("Squeeze", [e.input(0)]) }
    e.finish("Squeeze", [e.input(0), e.int64s(try e.ints("axis"), "axes")])
  }

  static func concat(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("Concat", e.node.inputs, ["axis": .int(Int64(e.has("axis") ? try e.int("axis") : 0))])
  }
}
