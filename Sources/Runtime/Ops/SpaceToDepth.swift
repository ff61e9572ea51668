import ModelGraph

/// `[N, C, H, W]` → `[N, C·b², H/b, W/b]`: moves `b × b` blocks of space into channels.
struct SpaceToDepth: Kernel {
  static let key = OpKey("SpaceToDepth", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let block: Int

  init(node: Node, opset: Int) throws(RuntimeError) { block = try node.int("blocksize", default: 0) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0), b = block
    guard x.rank == 4, b > 0, x.shape[2] % b == 0, x.shape[3] % b == 0 else {
      throw .shape(input: 0, expected: "[N, C, H, W] with H and W divisible by blocksize \(b)", found: x.shape)
    }
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2] / b, x.shape[3] / b)
    let split = [n, c, h, b, w, b], perm = [0, 3, 5, 1, 2, 4]
    let strides = Layout.strides(split)
    let moved = x.strided(shape: perm.map { split[$0] }, strides: perm.map { strides[$0] })
    return [moved.reshaped([n, c * b * b, h, w])]
  }
}
