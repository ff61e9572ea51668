extension Broadcast {
  /// Calls `body(output, a, b)` with the flat element index of the output and of each of two
  /// operands, for every output element in row-major order.
  func forEachPair(_ body: (Int, Int, Int) -> Void) {
    let s = innerStrides
    forEachRow { o, off, n in
      for j in 0..<n { body(o + j, off[0] + j * s[0], off[1] + j * s[1]) }
    }
  }

  /// `forEachPair` for three operands.
  func forEachTriple(_ body: (Int, Int, Int, Int) -> Void) {
    let s = innerStrides
    forEachRow { o, off, n in
      for j in 0..<n { body(o + j, off[0] + j * s[0], off[1] + j * s[1], off[2] + j * s[2]) }
    }
  }
}
