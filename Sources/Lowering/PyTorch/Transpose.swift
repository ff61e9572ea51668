import ModelGraph

/// `permute(dims)`, `t` (2-D transpose; identity below 2-D) and `transpose.int(dim0, dim1)`
/// → `Transpose`.
enum Transpose {
  static func permute(_ e: inout ATenEmitter) throws(LoweringError) {
    let rank = try e.rank(e.input(0))
    var perm: [Int64] = []
    for d in try e.ints("dims") { perm.append(Int64(try e.axis(d, rank: rank, argument: "dims"))) }
    e.finish("Transpose", [e.input(0)], ["perm": .ints(perm)])
  }

  static func t(_ e: inout ATenEmitter) throws(LoweringError) {
    if try e.rank(e.input(0)) < 2 { return e.finish("Identity", [e.input(0)]) }
    e.finish("Transpose", [e.input(0)], ["perm": .ints([1, 0])])
  }

  static func transpose(_ e: inout ATenEmitter) throws(LoweringError) {
    let rank = try e.rank(e.input(0))
    var perm = (0..<Int64(rank)).map { $0 }
    let a = try e.axis(try e.int("dim0"), rank: rank, argument: "dim0")
    let b = try e.axis(try e.int("dim1"), rank: rank, argument: "dim1")
    perm.swapAt(a, b)
    e.finish("Transpose", [e.input(0)], ["perm": .ints(perm)])
  }
}
