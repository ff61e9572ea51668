import ModelGraph

/// A copy of `data` where each index tuple in the last axis of `indices` (length `k`) names a
/// slice `data[i₀, …, iₖ₋₁]` that takes (or, with `reduction`, combines) the matching slice of
/// `updates`, shaped `indices.shape[:-1] + data.shape[k:]`.
struct ScatterND: Kernel {
  static let key = OpKey("ScatterND", since: 11)
  static let arity: ClosedRange<Int> = 3...3
  let reduction: String

  init(node: Node, opset: Int) throws(RuntimeError) { reduction = try node.string("reduction", default: "none") }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let data = try inputs.required(0), indices = try inputs.required(1), updates = try inputs.required(2)
    guard let k = indices.shape.last, k <= data.rank, let raw = try inputs.ints(1),
          updates.shape == Array(indices.shape.dropLast()) + Array(data.shape[k...]) else {
      throw .shape(input: 2, expected: "updates shaped indices[:-1] + data[k:]", found: updates.shape)
    }
    let strides = Layout.strides(data.shape), slice = data.shape[k...].reduce(1, *)
    var targets: [Int] = []
    for tuple in 0..<(k == 0 ? updates.elementCount / max(slice, 1) : raw.count / k) {
      var base = 0
      for d in 0..<k { base += try Scattering.index(Int64(raw[tuple * k + d]), data.shape[d], input: 1) * strides[d] }
      targets += (0..<slice).map { base + $0 }
    }
    return [try Scattering.apply(data, targets: targets, updates: updates, reduction: reduction)]
  }
}
