import ModelGraph

/// `Y = (A − a_zero_point) · (B − b_zero_point)` as int32 matrix products of 8-bit inputs.
/// `a_zero_point` is a scalar or one per row of `A`, `b_zero_point` a scalar or one per column
/// of `B`. Leading batch dimensions broadcast as in MatMul.
struct MatMulInteger: Kernel, AttributeFree {
  static let key = OpKey("MatMulInteger", since: 10)
  static let arity: ClosedRange<Int> = 2...4

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let (values, shape) = try Self.product(inputs, a: 0, b: 1, zeroA: 2, zeroB: 3)
    return [Tensor.integers(values, dtype: .int32, shape: shape)]
  }

  /// The int32-wrapping product of inputs `a` and `b` less their optional zero points.
  static func product(_ inputs: [Tensor?], a ia: Int, b ib: Int, zeroA: Int, zeroB: Int) throws(RuntimeError) -> ([Int64], [Int]) {
    let a = try inputs.required(ia), b = try inputs.required(ib)
    guard a.rank >= 2, b.rank >= 2, a.shape[a.rank - 1] == b.shape[b.rank - 2] else {
      throw .shape(input: ib, expected: "[…, K, N] with K = \(a.shape.last ?? 0)", found: b.shape)
    }
    let (m, k, n) = (a.shape[a.rank - 2], a.shape[a.rank - 1], b.shape[b.rank - 1])
    let za = inputs.optional(zeroA)?.int64s() ?? [0], zb = inputs.optional(zeroB)?.int64s() ?? [0]
    guard za.count == 1 || za.count == m else { throw .shape(input: zeroA, expected: "a scalar or [\(m)]", found: [za.count]) }
    guard zb.count == 1 || zb.count == n else { throw .shape(input: zeroB, expected: "a scalar or [\(n)]", found: [zb.count]) }
    let batch = try Broadcast([Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2))])
    let x = a.broadcast(to: batch.shape + [m, k]).int64s() ?? [], y = b.broadcast(to: batch.shape + [k, n]).int64s() ?? []
    var out = [Int64](repeating: 0, count: batch.count * m * n)
    for p in 0..<batch.count {
      for i in 0..<m {
        for j in 0..<n {
          var sum: Int32 = 0
          for t in 0..<k {
            let l = Int32(truncatingIfNeeded: x[(p * m + i) * k + t] - za[za.count == 1 ? 0 : i])
            let r = Int32(truncatingIfNeeded: y[(p * k + t) * n + j] - zb[zb.count == 1 ? 0 : j])
            sum = sum &+ l &* r
          }
          out[(p * m + i) * n + j] = Int64(sum)
        }
      }
    }
    return (out, batch.shape + [m, n])
  }
}
