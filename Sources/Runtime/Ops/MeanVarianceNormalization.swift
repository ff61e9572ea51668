import ModelGraph

/// `Y = (X − mean) / (√(E[X²] − mean²) + 1e-9)`, the moments taken over `axes`
/// (default `[0, 2, 3]`), as the ONNX function body defines it.
struct MeanVarianceNormalization: FloatKernel {
  static let key = OpKey("MeanVarianceNormalization", since: 9)
  static let arity: ClosedRange<Int> = 1...1
  let axes: [Int]

  init(node: Node, opset: Int) throws(RuntimeError) { axes = try node.ints("axes") ?? [0, 2, 3] }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0)
    var normalized = Set<Int>()
    for a in axes {
      guard let axis = Layout.axis(Int64(a), rank: x.rank) else {
        throw .attribute(name: "axes", expected: "axes in [-\(x.rank), \(x.rank))", found: "\(axes)")
      }
      normalized.insert(axis)
    }
    let r = Reduction(x, axes: normalized, keepDims: true)
    let values = r.input.floats() ?? []
    let stats = values.withUnsafeBufferPointer { buffer in
      r.map(buffer) { chunk -> (Float, Float) in
        let mean = chunk.reduce(0.0) { $0 + Double($1) } / Double(chunk.count)
        let square = chunk.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(chunk.count)
        return (Float(mean), Float((max(square - mean * mean, 0)).squareRoot() + 1e-9))
      }
    }
    let mean = Tensor(stats.map(\.0), shape: r.shape).broadcast(to: x.shape).floats() ?? []
    let deviation = Tensor(stats.map(\.1), shape: r.shape).broadcast(to: x.shape).floats() ?? []
    let v = x.floats() ?? []
    let y = v.indices.map { i in (v[i] - mean[i]) / deviation[i] }
    return [Tensor(y, shape: x.shape)]
  }
}
