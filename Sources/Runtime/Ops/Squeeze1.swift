import ModelGraph

/// Removes dimensions of size 1 — those in the `axes` attribute, or all of them (opsets 1–12).
struct Squeeze1: Kernel {
  static let key = OpKey("Squeeze", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let axes: [Int]?

  init(node: Node, opset: Int) throws(RuntimeError) { axes = try node.ints("axes") }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    [try Self.squeeze(try inputs.required(0), axes: axes)]
  }

  static func squeeze(_ x: Tensor, axes: [Int]?) throws(RuntimeError) -> Tensor {
    guard let axes else { return x.reshaped(x.shape.filter { $0 != 1 }) }
    var drop = Set<Int>()
    for a in axes {
      guard let axis = Layout.axis(Int64(a), rank: x.rank), x.shape[axis] == 1 else {
        throw .attribute(name: "axes", expected: "axes of size-1 dimensions of shape \(x.shape)", found: "\(axes)")
      }
      drop.insert(axis)
    }
    return x.reshaped(x.shape.indices.filter { !drop.contains($0) }.map { x.shape[$0] })
  }
}
