import ModelGraph

/// `Y = (X − mean) / √(var + epsilon) · Scale + B`, the statistics taken over the axes from
/// `axis` to the last (opset 17). Optional outputs `Mean` and `InvStdDev` are float32, shaped as
/// `X` with those axes set to 1. Statistics accumulate in `Double`.
struct LayerNormalization: Kernel {
  static let key = OpKey("LayerNormalization", since: 17)
  static let arity: ClosedRange<Int> = 2...3
  let axis: Int, epsilon: Float

  init(node: Node, opset: Int) throws(RuntimeError) {
    axis = try node.int("axis", default: -1)
    epsilon = try node.float("epsilon", default: 1e-5)
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0)
    guard let a = Layout.axis(Int64(axis), rank: x.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(x.rank), \(x.rank))", found: "\(axis)")
    }
    let inner = Array(x.shape[a...]), n = inner.reduce(1, *)
    func stretched(_ i: Int) throws(RuntimeError) -> [Float]? {
      guard let t = inputs.optional(i) else { return nil }
      guard (try? Broadcast([t.shape, inner]))?.shape == inner else { throw .shape(input: i, expected: "broadcastable to \(inner)", found: t.shape) }
      return try inputs.float(i).broadcast(to: inner).floats()
    }
    guard let scale = try stretched(1) else { throw .missingOperand(index: 1) }
    let bias = try stretched(2)
    let rows = x.elementCount / max(n, 1)
    var means = [Float](repeating: 0, count: rows), inverse = [Float](repeating: 0, count: rows)
    let y = x.withFloats { src in
      Tensor.float32(shape: x.shape) { dst in
        for r in 0..<rows {
          let row = UnsafeBufferPointer(rebasing: src[(r * n)..<((r + 1) * n)])
          let mean = row.reduce(0.0) { $0 + Double($1) } / Double(n)
          let variance = row.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(n)
          let inv = 1 / (variance + Double(epsilon)).squareRoot()
          means[r] = Float(mean)
          inverse[r] = Float(inv)
          for j in 0..<n { dst[r * n + j] = Float((Double(row[j]) - mean) * inv) * scale[j] + (bias?[j] ?? 0) }
        }
      }
    }
    let statsShape = x.shape.indices.map { $0 < a ? x.shape[$0] : 1 }
    let dtype = try inputs.required(0).dtype
    return [y.converted(to: dtype), Tensor(means, shape: statsShape), Tensor(inverse, shape: statsShape)]
  }
}
