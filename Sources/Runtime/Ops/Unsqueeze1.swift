import ModelGraph

/// Inserts dimensions of size 1 at the `axes` attribute's positions in the output (opsets 1–12).
struct Unsqueeze1: Kernel {
  static let key = OpKey("Unsqueeze", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let axes: [Int]

  init(node: Node, opset: Int) throws(RuntimeError) { axes = try node.requiredInts("axes") }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Self.unsqueeze(try inputs.required(0), axes: axes)]
  }

  static func unsqueeze(_ x: Tensor, axes: [Int]) throws(RuntimeError) -> Tensor {
    let rank = x.rank + axes.count
    var inserted = Set<Int>()
    for a in axes {
      guard let axis = Layout.axis(Int64(a), rank: rank), inserted.insert(axis).inserted else {
        throw .attribute(name: "axes", expected: "distinct axes in [-\(rank), \(rank))", found: "\(axes)")
      }
    }
    var rest = x.shape.makeIterator()
    return x.reshaped((0..<rank).map { inserted.contains($0) ? 1 : rest.next() ?? 1 })
  }
}
