import ModelGraph

/// `Y` = `X` with its axes permuted: output axis `i` is input axis `perm[i]` (default: reversed).
struct Transpose: Kernel {
  static let key = OpKey("Transpose", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let perm: [Int]?

  init(node: Node, opset: Int) throws(RuntimeError) { perm = try node.ints("perm") }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    let perm = perm ?? Array(x.shape.indices.reversed())
    guard perm.sorted() == Array(x.shape.indices) else {
      throw .attribute(name: "perm", expected: "a permutation of 0..<\(x.rank)", found: "\(perm)")
    }
    let strides = Layout.strides(x.shape)
    return [x.strided(shape: perm.map { x.shape[$0] }, strides: perm.map { strides[$0] })]
  }
}
