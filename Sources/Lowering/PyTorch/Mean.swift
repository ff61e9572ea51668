import ModelGraph

/// `mean.dim(dim, keepdim)` → `ReduceMean` (axes as an attribute until opset 18); no dims
/// means every axis.
enum Mean {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let rank = try e.rank(e.input(0))
    var attributes: [String: Attribute] = ["keepdims": .int(try e.bool("keepdim") ? 1 : 0)]
    let dims = e.has("dim") ? try e.ints("dim") : []
    if !dims.isEmpty {
      var axes: [Int64] = []
      for d in dims { axes.append(Int64(try e.axis(d, rank: rank, argument: "dim"))) }
      attributes["axes"] = .ints(axes)
    }
    e.finish("ReduceMean", [e.input(0)], attributes)
  }
}
