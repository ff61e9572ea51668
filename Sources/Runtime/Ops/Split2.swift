import ModelGraph

/// Splits `X` along `axis` into the node's outputs, sized by the `split` attribute or equally
/// (opsets 2–12).
struct Split2: Kernel {
  static let key = OpKey("Split", since: 2)
  static let arity: ClosedRange<Int> = 1...1
  let axis: Int, outputs: Int, split: [Int]?

  init(node: Node, opset: Int) throws(RuntimeError) {
    axis = try node.int("axis", default: 0)
    outputs = node.outputs.count
    split = try node.ints("split")
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try Self.split(try inputs.required(0), axis: axis, sizes: split, outputs: outputs)
  }

  /// The pieces of `x` along `axis`: `sizes`, or `outputs` equal parts when `sizes` is `nil`.
  static func split(_ x: Tensor, axis: Int, sizes: [Int]?, outputs: Int) throws(RuntimeError) -> [Tensor] {
    guard let a = Layout.axis(Int64(axis), rank: x.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(x.rank), \(x.rank))", found: "\(axis)")
    }
    let d = x.shape[a]
    let sizes = sizes ?? (outputs > 0 && d % outputs == 0 ? Array(repeating: d / outputs, count: outputs) : [])
    guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == d else {
      throw .attribute(name: "split", expected: "sizes summing to dimension \(a) of \(x.shape)", found: "\(sizes)")
    }
    let strides = Layout.strides(x.shape)
    var start = 0
    return sizes.map { n in
      var shape = x.shape
      shape[a] = n
      defer { start += n }
      return x.strided(shape: shape, strides: strides, offset: start * strides[a])
    }
  }
}
