import ModelGraph

/// `squeeze` (all size-1 dims), `squeeze.dim`, `squeeze.dims` → `Squeeze` of the named dims
/// that have size 1 (torch leaves the others alone); `unsqueeze(dim)` → `Unsqueeze`.
enum Squeeze {
  static func squeeze(_ e: inout ATenEmitter) throws(LoweringError) {
    let x = e.input(0), dims = try e.dims(x)
    var candidates = Array(dims.indices)
    if e.has("dim") {
      candidates = []
      for d in try e.ints("dim") { candidates.append(try e.axis(d, rank: dims.count, argument: "dim")) }
    }
    var axes: [Int] = []
    for a in Set(candidates).sorted() {
      guard let n = dims[a].value else { throw LoweringError.unknownShape(file: e.file, node: e.node.name, tensor: x) }
      if n == 1 { axes.append(a) }
    }
    if axes.isEmpty { return e.finish("Identity", [x]) }
    e.finish("Squeeze", [x, e.int64s(axes, "axes")])
  }

  static func unsqueeze(_ e: inout ATenEmitter) throws(LoweringError) {
    let axis = try e.axis(try e.int("dim"), rank: try e.rank(e.input(0)) + 1, argument: "dim")
    e.finish("Unsqueeze", [e.input(0), e.int64s([axis], "axes")])
  }
}
