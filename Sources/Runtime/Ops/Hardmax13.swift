import ModelGraph

/// 1 at the first largest element along `axis` (default −1), 0 elsewhere (opset 13 on).
struct Hardmax13: Kernel {
  static let key = OpKey("Hardmax", since: 13)
  static let arity: ClosedRange<Int> = 1...1
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: -1) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard let a = Layout.axis(Int64(axis), rank: x.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(x.rank), \(x.rank))", found: "\(axis)")
    }
    let winners = try ArgMax(axis: a, keepDims: true, selectLast: false).run([x], context: context)[0]
    let index = winners.int64s() ?? []
    let inner = x.shape[(a + 1)...].reduce(1, *), d = x.shape[a]
    let ones = (0..<x.elementCount).map { i in
      Int64(index[i / (inner * d) * inner + i % inner] == Int64(i / inner % d) ? 1 : 0)
    }
    return [Tensor.numbers(ones, dtype: x.dtype, shape: x.shape)]
  }
}
