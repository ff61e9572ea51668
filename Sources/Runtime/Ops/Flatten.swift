import ModelGraph

/// `Y` = `X` as a matrix: dimensions before `axis` make the rows, the rest the columns.
struct Flatten: Kernel {
  static let key = OpKey("Flatten", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: 1) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    let a = axis < 0 ? axis + x.rank : axis
    guard (0...x.rank).contains(a) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(x.rank), \(x.rank)]", found: "\(axis)")
    }
    return [x.reshaped([x.shape[..<a].reduce(1, *), x.shape[a...].reduce(1, *)])]
  }
}
