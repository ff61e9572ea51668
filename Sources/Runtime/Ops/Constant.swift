import ModelGraph

/// The tensor held by whichever `value*` attribute the node has: `value`, `sparse_value`
/// (densified), `value_float(s)`, `value_int(s)`, `value_string(s)`.
struct Constant: Kernel {
  static let key = OpKey("Constant", since: 1)
  static let arity: ClosedRange<Int> = 0...0
  let value: Tensor

  init(node: Node, opset: Int) throws(RuntimeError) {
    let a = node.attributes
    switch (a["value"], a["sparse_value"], a["value_float"], a["value_floats"], a["value_int"], a["value_ints"],
            a["value_string"], a["value_strings"]) {
    case (.tensor(let t)?, _, _, _, _, _, _, _): value = t
    case (_, .sparseTensor(let s)?, _, _, _, _, _, _): value = try Self.dense(s)
    case (_, _, let f?, _, _, _, _, _): value = Tensor([f.float ?? 0], shape: [])
    case (_, _, _, .floats(let f)?, _, _, _, _): value = Tensor(f, shape: [f.count])
    case (_, _, _, _, .int(let i)?, _, _, _): value = Tensor(int64: [i], shape: [])
    case (_, _, _, _, _, .ints(let i)?, _, _): value = Tensor(int64: i, shape: [i.count])
    case (_, _, _, _, _, _, .string(let s)?, _): value = Tensor(strings: [Array(s.utf8)], shape: [])
    case (_, _, _, _, _, _, _, .strings(let s)?): value = Tensor(strings: s.map { Array($0.utf8) }, shape: [s.count])
    default:
      throw .attribute(name: "value", expected: "one value* attribute of its declared kind", found: "\(a.keys.sorted())")
    }
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] { [value] }

  /// A sparse tensor as a dense one: indices are `[NNZ]` linear or `[NNZ, rank]` coordinates.
  static func dense(_ s: SparseTensor) throws(RuntimeError) -> Tensor {
    let size = try s.values.elementSize(input: 0)
    let indices = s.indices.int64s() ?? []
    let count = s.values.elementCount, rank = s.denseShape.count
    let strides = Layout.strides(s.denseShape)
    guard let total = Layout.count(s.denseShape) else {
      throw .attribute(name: "sparse_value", expected: "a representable dense shape", found: "\(s.denseShape)")
    }
    let inside = indices.count == count ? indices.allSatisfy { (0..<Int64(total)).contains($0) }
      : indices.count == count * rank && indices.indices.allSatisfy { (0..<Int64(s.denseShape[$0 % rank])).contains(indices[$0]) }
    guard inside else {
      throw .attribute(name: "sparse_value", expected: "indices inside dense shape \(s.denseShape)", found: "indices of shape \(s.indices.shape)")
    }
    let linear: [Int] = indices.count == count
      ? indices.map { Int($0) }
      : (0..<count).map { k in (0..<rank).reduce(0) { $0 + Int(indices[k * rank + $1]) * strides[$1] } }
    return Tensor.raw(dtype: s.values.dtype, shape: s.denseShape) { dst in
      dst.initializeMemory(as: UInt8.self, repeating: 0)
      guard let out = dst.baseAddress, let values = s.values.bytes.baseAddress else { return }
      for (k, at) in linear.enumerated() { (out + at * size).copyMemory(from: values + k * size, byteCount: size) }
    }
  }
}
