import ModelGraph

/// `flatten.using_ints(start_dim, end_dim)`: from dim 1 to the end → `Flatten(axis: 1)`;
/// otherwise `Reshape` keeping the leading dims (`0`), merging the range (`-1`) and spelling
/// out the trailing ones.
enum Flatten {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let x = e.input(0), dims = try e.dims(x)
    let rank = max(dims.count, 1)
    let start = try e.axis(try e.int("start_dim"), rank: rank, argument: "start_dim")
    let end = try e.axis(try e.int("end_dim"), rank: rank, argument: "end_dim")
    if start == end || dims.count <= 1 && start == 0 { return e.finish("Identity", [x]) }
    if start == 1 && end == rank - 1 { return e.finish("Flatten", [x], ["axis": .int(1)]) }
    var shape = [Int](repeating: 0, count: start) + [-1]
    for d in dims[(end + 1)...] {
      guard let n = d.value else { throw LoweringError.unknownShape(file: e.file, node: e.node.name, tensor: x) }
      shape.append(n)
    }
    e.finish("Reshape", [x, e.int64s(shape, "shape")])
  }
}
