import ModelGraph

/// The determinant of each trailing `M × M` matrix of `X` (`[…, M, M]` → `[…]`), by LU
/// decomposition with partial pivoting in `Double`.
struct Det: FloatKernel, AttributeFree {
  static let key = OpKey("Det", since: 11)
  static let arity: ClosedRange<Int> = 1...1

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0)
    guard x.rank >= 2, x.shape[x.rank - 1] == x.shape[x.rank - 2] else {
      throw .shape(input: 0, expected: "[…, M, M]", found: x.shape)
    }
    let m = x.shape[x.rank - 1], v = x.floats() ?? []
    let dets = stride(from: 0, to: v.count, by: max(m * m, 1)).map { start -> Float in
      var a = (0..<(m * m)).map { Double(v[start + $0]) }
      var det = 1.0
      for col in 0..<m {
        guard let pivot = (col..<m).max(by: { abs(a[$0 * m + col]) < abs(a[$1 * m + col]) }), a[pivot * m + col] != 0 else { return 0 }
        if pivot != col {
          for j in 0..<m { a.swapAt(pivot * m + j, col * m + j) }
          det = -det
        }
        det *= a[col * m + col]
        for r in (col + 1)..<m {
          let f = a[r * m + col] / a[col * m + col]
          for j in col..<m { a[r * m + j] -= f * a[col * m + j] }
        }
      }
      return Float(det)
    }
    return [Tensor(dets, shape: Array(x.shape.dropLast(2)))]
  }
}
