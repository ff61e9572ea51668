import ModelGraph

/// The `k` (input 1) largest — or smallest, with `largest = 0` — elements along `axis` and
/// their int64 indices (opset 10 on; `largest` and `sorted` from 11). Equal values keep the
/// lower index first, as the spec requires.
struct TopK10: Kernel {
  static let key = OpKey("TopK", since: 10)
  static let arity: ClosedRange<Int> = 2...2
  let axis: Int, largest: Bool

  init(node: Node, opset: Int) throws(RuntimeError) {
    axis = try node.int("axis", default: -1)
    largest = try node.int("largest", default: 1) != 0
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    guard let k = try inputs.ints(1)?.first else { throw .missingOperand(index: 1) }
    return try Self.topK(try inputs.required(0), k: k, axis: axis, largest: largest)
  }

  static func topK(_ x: Tensor, k: Int, axis: Int, largest: Bool) throws(RuntimeError) -> [Tensor] {
    guard let a = Layout.axis(Int64(axis), rank: x.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(x.rank), \(x.rank))", found: "\(axis)")
    }
    guard (0...x.shape[a]).contains(k) else { throw .shape(input: 1, expected: "k in 0...\(x.shape[a])", found: [k]) }
    guard let values = x.cast(to: .float32) else { throw .dtype(input: 0, expected: "a numeric tensor", found: x.dtype) }
    // Move `axis` last, pick per row, then move it back.
    let order = x.shape.indices.filter { $0 != a } + [a]
    let r = Reduction(values, axes: [a], keepDims: false)
    var picked: [Int64] = []
    (r.input.floats() ?? []).withUnsafeBufferPointer { buffer in
      for row in r.map(buffer, { Array($0) }) {
        let ranked = row.indices.sorted { i, j in
          row[i] == row[j] ? i < j : (largest ? row[i] > row[j] : row[i] < row[j])
        }
        picked += ranked.prefix(k).map { Int64($0) }
      }
    }
    let rows = Tensor(int64: picked, shape: order.map { $0 == a ? k : x.shape[$0] })
    let back = x.shape.indices.map { order.firstIndex(of: $0) ?? 0 }
    let strides = Layout.strides(rows.shape)
    let indices = rows.strided(shape: back.map { rows.shape[$0] }, strides: back.map { strides[$0] })
    let gathered = try GatherElements.gather(x, indices: indices.int64s() ?? [], shape: indices.shape, axis: a)
    return [gathered, indices]
  }
}
