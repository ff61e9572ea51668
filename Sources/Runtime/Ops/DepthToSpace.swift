import ModelGraph

/// `[N, C, H, W]` → `[N, C/b², H·b, W·b]`: moves blocks of channels into space, in `DCR`
/// (depth-column-row, default) or `CRD` order.
struct DepthToSpace: Kernel {
  static let key = OpKey("DepthToSpace", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let block: Int, crd: Bool

  init(node: Node, opset: Int) throws(RuntimeError) {
    block = try node.int("blocksize", default: 0)
    crd = try node.string("mode", default: "DCR") == "CRD"
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0), b = block
    guard x.rank == 4, b > 0, x.shape[1] % (b * b) == 0 else {
      throw .shape(input: 0, expected: "[N, C, H, W] with C divisible by blocksize² (\(b)²)", found: x.shape)
    }
    let (n, c, h, w) = (x.shape[0], x.shape[1] / (b * b), x.shape[2], x.shape[3])
    let split = crd ? [n, c, b, b, h, w] : [n, b, b, c, h, w]
    let perm = crd ? [0, 1, 4, 2, 5, 3] : [0, 3, 4, 1, 5, 2]
    let strides = Layout.strides(split)
    let moved = x.strided(shape: perm.map { split[$0] }, strides: perm.map { strides[$0] })
    return [moved.reshaped([n, c, h * b, w * b])]
  }
}
