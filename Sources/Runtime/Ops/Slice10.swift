import ModelGraph

/// `X[starts:ends:steps]` along `axes`, all as inputs (opset 10 on). Indices count from the end
/// when negative and are clamped to the dimension, as numpy does; steps may be negative.
struct Slice10: Kernel, AttributeFree {
  static let key = OpKey("Slice", since: 10)
  static let arity: ClosedRange<Int> = 3...5

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Self.slice(try inputs.required(0), starts: try inputs.requiredInts(1), ends: try inputs.requiredInts(2),
                    axes: try inputs.ints(3), steps: try inputs.ints(4))]
  }

  static func slice(_ x: Tensor, starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?) throws(RuntimeError) -> Tensor {
    let axes = axes ?? Array(starts.indices)
    let steps = steps ?? Array(repeating: 1, count: starts.count)
    guard ends.count == starts.count, axes.count == starts.count, steps.count == starts.count else {
      throw .shape(input: 2, expected: "starts, ends, axes and steps of one length (\(starts.count))", found: [ends.count, axes.count, steps.count])
    }
    var shape = x.shape
    var strides = Layout.strides(x.shape)
    var offset = 0
    for (i, raw) in axes.enumerated() {
      guard let a = Layout.axis(Int64(raw), rank: x.rank), steps[i] != 0 else {
        throw .shape(input: 3, expected: "axes in [-\(x.rank), \(x.rank)) and non-zero steps", found: [raw, steps[i]])
      }
      let d = x.shape[a], step = steps[i]
      func clamp(_ v: Int, _ low: Int, _ high: Int) -> Int { min(max(v < 0 ? v + d : v, low), high) }
      let start = step > 0 ? clamp(starts[i], 0, d) : clamp(starts[i], 0, d - 1)
      let end = step > 0 ? clamp(ends[i], 0, d) : clamp(ends[i], -1, d - 1)
      let count = step > 0 ? (end > start ? (end - start - 1) / step + 1 : 0)
                           : (start > end ? (start - end - 1) / -max(step, -Int.max) + 1 : 0)
      shape[a] = count
      offset += count > 0 ? start * strides[a] : 0
      if count > 1 { strides[a] *= step }  // |step| < d here, so this cannot overflow
    }
    return x.strided(shape: shape, strides: strides, offset: offset)
  }
}
