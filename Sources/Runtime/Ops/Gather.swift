import Foundation
import ModelGraph

/// Picks slices of `data` along `axis` at `indices` (negative counts from the end); the output
/// shape is `data.shape[..<axis] + indices.shape + data.shape[axis+1...]`.
struct Gather: Kernel {
  static let key = OpKey("Gather", since: 1)
  static let arity: ClosedRange<Int> = 2...2
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: 0) }

  init(axis: Int) { self.axis = axis }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let data = try inputs.required(0)
    guard let indices = try inputs.ints(1) else { throw .missingOperand(index: 1) }
    guard let a = Layout.axis(Int64(axis), rank: data.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(data.rank), \(data.rank))", found: "\(axis)")
    }
    let d = data.shape[a]
    let rows = try indices.map { i throws(RuntimeError) in
      guard (-d..<d).contains(i) else { throw .shape(input: 1, expected: "indices in [-\(d), \(d))", found: [i]) }
      return i < 0 ? i + d : i
    }
    let size = try data.elementSize(input: 0)
    let outer = data.shape[..<a].reduce(1, *)
    let block = data.shape[(a + 1)...].reduce(1, *) * size
    let shape = Array(data.shape[..<a]) + (try inputs.required(1)).shape + Array(data.shape[(a + 1)...])
    let storage = ByteStorage(count: outer * rows.count * block) { dst in
      guard let out = dst.baseAddress, let src = data.bytes.baseAddress, block > 0 else { return }
      var at = 0
      for o in 0..<outer {
        for r in rows {
          memcpy(out + at, src + (o * d + r) * block, block)
          at += block
        }
      }
    }
    return [Tensor(dtype: data.dtype, shape: shape, storage: storage)]
  }
}
