import ModelGraph

/// `cat(tensors, dim)` → `Concat`.
enum Cat {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let inputs = e.node.inputs
    let axis = try e.axis(try e.int("dim"), rank: try e.rank(e.result()), argument: "dim")
    e.finish("Concat", inputs, ["axis": .int(Int64(axis))])
  }
}
