import Foundation
import ModelGraph

/// Slices of `data` named by the index tuples in the last axis of `indices` (length `m`),
/// the first `batch_dims` axes of both taken pairwise: output shape
/// `indices.shape[:-1] + data.shape[batch_dims + m:]`.
struct GatherND: Kernel {
  static let key = OpKey("GatherND", since: 11)
  static let arity: ClosedRange<Int> = 2...2
  let batchDims: Int

  init(node: Node, opset: Int) throws(RuntimeError) { batchDims = try node.int("batch_dims", default: 0) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let data = try inputs.required(0), indices = try inputs.required(1), b = batchDims
    guard let m = indices.shape.last, let raw = try inputs.ints(1), b >= 0, b < indices.rank, b + m <= data.rank,
          Array(indices.shape[..<b]) == Array(data.shape[..<b]) else {
      throw .shape(input: 1, expected: "[batch…, …, m] with m ≤ \(data.rank - b) and the batch dims of data \(data.shape)", found: indices.shape)
    }
    let size = try data.elementSize(input: 0)
    let slice = data.shape[(b + m)...].reduce(1, *), batchSize = data.shape[b...].reduce(1, *)
    let strides = Layout.strides(Array(data.shape[b...]))
    let tuples = m == 0 ? indices.elementCount == 0 ? 0 : indices.shape.dropLast().reduce(1, *) : raw.count / m
    let perBatch = max(tuples / max(indices.shape[..<b].reduce(1, *), 1), 1)
    var sources: [Int] = []
    for t in 0..<tuples {
      var offset = t / perBatch * batchSize
      for d in 0..<m { offset += try Scattering.index(Int64(raw[t * m + d]), data.shape[b + d], input: 1) * strides[d] }
      sources.append(offset)
    }
    let shape = Array(indices.shape.dropLast()) + Array(data.shape[(b + m)...])
    return [Tensor.raw(dtype: data.dtype, shape: shape) { dst in
      guard let out = dst.baseAddress, let src = data.bytes.baseAddress else { return }
      for (i, s) in sources.enumerated() { memcpy(out + i * slice * size, src + s * size, slice * size) }
    }]
  }
}
