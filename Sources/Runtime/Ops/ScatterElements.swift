import ModelGraph

/// A copy of `data` where, for each position `p` of `indices`, the element at `p` with its
/// `axis` coordinate replaced by `indices[p]` takes (or, with `reduction`, combines) `updates[p]`.
struct ScatterElements: Kernel {
  static let key = OpKey("ScatterElements", since: 11)
  static let arity: ClosedRange<Int> = 3...3
  let axis: Int, reduction: String

  init(node: Node, opset: Int) throws(RuntimeError) {
    axis = try node.int("axis", default: 0)
    reduction = try node.string("reduction", default: "none")
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let data = try inputs.required(0), indices = try inputs.required(1), updates = try inputs.required(2)
    guard let a = Layout.axis(Int64(axis), rank: data.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(data.rank), \(data.rank))", found: "\(axis)")
    }
    guard indices.shape == updates.shape, indices.rank == data.rank,
          indices.shape.indices.allSatisfy({ $0 == a || indices.shape[$0] <= data.shape[$0] }), let raw = try inputs.ints(1) else {
      throw .shape(input: 1, expected: "indices shaped as updates, within data \(data.shape) off the axis", found: indices.shape)
    }
    let strides = Layout.strides(data.shape), own = Layout.strides(indices.shape)
    var targets: [Int] = []
    for i in raw.indices {
      var offset = 0
      for d in indices.shape.indices {
        let coordinate = d == a ? try Scattering.index(Int64(raw[i]), data.shape[a], input: 1) : i / own[d] % indices.shape[d]
        offset += coordinate * strides[d]
      }
      targets.append(offset)
    }
    return [try Scattering.apply(data, targets: targets, updates: updates, reduction: reduction)]
  }
}
