import ModelGraph

/// Numpy broadcasting of several input shapes into one output shape.
///
/// Adjacent dimensions that every input walks contiguously (or all skip) are merged, so the
/// innermost loop is as long as possible; each input's innermost stride is then 0 or 1.
struct Broadcast {
  let shape: [Int]
  /// Merged dimension sizes and, per input, strides over them.
  let dims: [Int]
  let strides: [[Int]]

  init(_ shapes: [[Int]]) throws(RuntimeError) {
    let rank = shapes.map(\.count).max() ?? 0
    let padded = shapes.map { [Int](repeating: 1, count: rank - $0.count) + $0 }
    var out = [Int](repeating: 1, count: rank)
    for d in 0..<rank {
      for (i, s) in padded.enumerated() where s[d] != 1 {
        if out[d] == 1 { out[d] = s[d] } else if out[d] != s[d] {
          throw .shape(input: i, expected: "a shape broadcastable with \(shapes.filter { $0 != shapes[i] })", found: shapes[i])
        }
      }
    }
    shape = out
    var full: [[Int]] = padded.map { s in
      var strides = [Int](repeating: 0, count: rank), step = 1
      for d in stride(from: rank - 1, through: 0, by: -1) {
        strides[d] = s[d] == 1 && out[d] != 1 ? 0 : step
        step *= s[d]
      }
      return strides
    }
    // Merge dimension d into d + 1 when every input walks them as one.
    var sizes = out
    var d = rank - 2
    while d >= 0 {
      let mergeable = full.allSatisfy { $0[d] == $0[d + 1] * sizes[d + 1] }
      if mergeable {
        sizes[d + 1] *= sizes[d]
        sizes.remove(at: d)
        for i in full.indices { full[i].remove(at: d) }
      }
      d -= 1
    }
    if sizes.isEmpty { sizes = [1]; full = full.map { _ in [0] } }
    dims = sizes
    strides = full
  }

  var count: Int { shape.reduce(1, *) }

  /// The number of innermost runs (`count / dims.last`).
  var rowCount: Int { dims.dropLast().reduce(1, *) }

  /// Calls `body(outputOffset, inputOffsets, length)` for each innermost run, in output order.
  func forEachRow(_ body: (Int, UnsafeBufferPointer<Int>, Int) -> Void) {
    forEachRow(in: 0..<rowCount, body)
  }

  /// `forEachRow` over the runs `rows` only (disjoint ranges may go to different threads).
  func forEachRow(in rows: Range<Int>, _ body: (Int, UnsafeBufferPointer<Int>, Int) -> Void) {
    let inner = dims[dims.count - 1]
    guard count > 0, !rows.isEmpty else { return }
    let outer = Array(dims.dropLast())
    var walks = strides.map { StridedWalk(shape: outer, strides: Array($0.dropLast()), position: rows.lowerBound) }
    var offsets = walks.map(\.offset)
    var out = rows.lowerBound * inner
    offsets.withUnsafeMutableBufferPointer { off in
      for _ in rows {
        body(out, UnsafeBufferPointer(off), inner)
        out += inner
        for i in walks.indices {
          walks[i].advance()
          off[i] = walks[i].offset
        }
      }
    }
  }

  /// Each input's stride along the innermost run: 1, or 0 when it is broadcast.
  var innerStrides: [Int] { strides.map { $0[$0.count - 1] } }
}
