import ModelGraph

/// `Y = scale[c] · (X − mean) / √(var + epsilon) + B[c]`, the statistics taken per sample and
/// channel over the spatial axes of `[N, C, D1, …]`.
struct InstanceNormalization: FloatKernel {
  static let key = OpKey("InstanceNormalization", since: 6)
  static let arity: ClosedRange<Int> = 3...3
  let epsilon: Float

  init(node: Node, opset: Int) throws(RuntimeError) { epsilon = try node.float("epsilon", default: 1e-5) }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0)
    guard x.rank >= 2 else { throw .shape(input: 0, expected: "[N, C, …]", found: x.shape) }
    let channels = x.shape[1], n = x.shape[2...].reduce(1, *)
    let scale = try inputs.float(1).floats() ?? [], bias = try inputs.float(2).floats() ?? []
    for (i, v) in [(1, scale), (2, bias)] where v.count != channels {
      throw .shape(input: i, expected: "[\(channels)]", found: try inputs.required(i).shape)
    }
    return [x.withFloats { src in
      Tensor.float32(shape: x.shape) { dst in
        for r in 0..<(x.elementCount / max(n, 1)) {
          let row = UnsafeBufferPointer(rebasing: src[(r * n)..<((r + 1) * n)]), c = r % channels
          let mean = row.reduce(0.0) { $0 + Double($1) } / Double(n)
          let variance = row.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(n)
          let k = Double(scale[c]) / (variance + Double(epsilon)).squareRoot()
          for j in 0..<n { dst[r * n + j] = Float((Double(row[j]) - mean) * k) + bias[c] }
        }
      }
    }]
  }
}
