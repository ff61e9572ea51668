import Foundation
import ModelGraph

/// Joins same-dtype tensors along `axis`; every other dimension must agree.
struct Concat: Kernel {
  static let key = OpKey("Concat", since: 4)
  static let arity: ClosedRange<Int> = 1...Int.max
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) {
    guard let axis = try node.int("axis") else { throw .attribute(name: "axis", expected: "an int", found: "absent") }
    self.axis = axis
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let parts = try inputs.indices.map { i throws(RuntimeError) in try inputs.required(i) }
    let first = parts[0]
    guard let a = Layout.axis(Int64(axis), rank: first.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(first.rank), \(first.rank))", found: "\(axis)")
    }
    for (i, t) in parts.enumerated() {
      guard t.dtype == first.dtype else { throw .dtype(input: i, expected: first.dtype.name, found: t.dtype) }
      var expected = first.shape
      if t.rank == first.rank { expected[a] = t.shape[a] }
      guard t.shape == expected else { throw .shape(input: i, expected: "\(first.shape) except on axis \(a)", found: t.shape) }
    }
    var shape = first.shape
    shape[a] = parts.map { $0.shape[a] }.reduce(0, +)
    let size = try first.elementSize(input: 0)
    let outer = first.shape[..<a].reduce(1, *)
    let blocks = parts.map { $0.shape[a...].reduce(1, *) * size }
    let storage = ByteStorage(count: shape.reduce(1, *) * size) { dst in
      guard let out = dst.baseAddress else { return }
      var at = 0
      for o in 0..<outer {
        for (t, block) in zip(parts, blocks) where block > 0 {
          if let src = t.bytes.baseAddress { memcpy(out + at, src + o * block, block) }
          at += block
        }
      }
    }
    return [Tensor(dtype: first.dtype, shape: shape, storage: storage)]
  }
}
