import Foundation
import ModelGraph

/// `out[i][j][k] = data[index[i][j][k]][j][k]` (for `axis = 0`; likewise for other axes): the
/// output has the indices' shape; negative indices count from the end.
struct GatherElements: Kernel {
  static let key = OpKey("GatherElements", since: 11)
  static let arity: ClosedRange<Int> = 2...2
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: 0) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let data = try inputs.required(0), indices = try inputs.required(1)
    guard let a = Layout.axis(Int64(axis), rank: data.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(data.rank), \(data.rank))", found: "\(axis)")
    }
    guard indices.rank == data.rank, let values = indices.int64s(), !indices.dtype.isFloatingPoint else {
      throw .shape(input: 1, expected: "integer indices of rank \(data.rank)", found: indices.shape)
    }
    return [try Self.gather(data, indices: values, shape: indices.shape, axis: a)]
  }

  static func gather(_ data: Tensor, indices: [Int64], shape: [Int], axis: Int) throws(RuntimeError) -> Tensor {
    let size = try data.elementSize(input: 0)
    guard shape.count == data.rank, shape.indices.allSatisfy({ $0 == axis || shape[$0] <= data.shape[$0] }) else {
      throw .shape(input: 1, expected: "indices no larger than data \(data.shape) off the axis", found: shape)
    }
    let d = data.shape[axis], strides = Layout.strides(data.shape), outStrides = Layout.strides(shape)
    var sources: [Int] = []
    sources.reserveCapacity(indices.count)
    for (flat, raw) in indices.enumerated() {
      guard (-d..<d).contains(Int(raw)) else { throw .shape(input: 1, expected: "indices in [-\(d), \(d))", found: [Int(raw)]) }
      var offset = 0
      for dim in shape.indices {
        let i = dim == axis ? (raw < 0 ? Int(raw) + d : Int(raw)) : flat / outStrides[dim] % shape[dim]
        offset += i * strides[dim]
      }
      sources.append(offset)
    }
    return Tensor.raw(dtype: data.dtype, shape: shape) { dst in
      guard let out = dst.baseAddress, let src = data.bytes.baseAddress else { return }
      for (k, s) in sources.enumerated() { memcpy(out + k * size, src + s * size, size) }
    }
  }
}
