import ModelGraph

/// Reverses the first `sequence_lens[b]` steps along `time_axis` of each batch entry `b` along
/// `batch_axis`; later steps stay in place.
struct ReverseSequence: Kernel {
  static let key = OpKey("ReverseSequence", since: 10)
  static let arity: ClosedRange<Int> = 2...2
  let batchAxis: Int, timeAxis: Int

  init(node: Node, opset: Int) throws(RuntimeError) {
    batchAxis = try node.int("batch_axis", default: 1)
    timeAxis = try node.int("time_axis", default: 0)
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0), lengths = try inputs.requiredInts(1)
    guard Set([batchAxis, timeAxis]) == Set([0, 1]), x.rank >= 2, lengths.count == x.shape[batchAxis],
          lengths.allSatisfy({ (0...x.shape[timeAxis]).contains($0) }) else {
      throw .shape(input: 1, expected: "\(x.rank >= 2 ? x.shape[batchAxis] : 0) lengths within the time axis", found: lengths)
    }
    let strides = Layout.strides(x.shape)
    let sources = (0..<x.elementCount).map { i in
      let t = i / strides[timeAxis] % x.shape[timeAxis], b = i / strides[batchAxis] % x.shape[batchAxis]
      return t < lengths[b] ? i + (lengths[b] - 1 - 2 * t) * strides[timeAxis] : i
    }
    return try Gather(axis: 0).run([x.reshaped([x.elementCount]), Tensor(int64: sources.map(Int64.init), shape: [x.elementCount])], context: context)
      .map { $0.reshaped(x.shape) }
  }
}
