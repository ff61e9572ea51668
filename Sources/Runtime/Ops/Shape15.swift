import ModelGraph

/// `shape(X)[start:end]` as a 1-D int64 tensor (opset 15 on); negative bounds count from the
/// end and both are clamped to `[0, rank]`.
struct Shape15: Kernel {
  static let key = OpKey("Shape", since: 15)
  static let arity: ClosedRange<Int> = 1...1
  let start: Int, end: Int?

  init(node: Node, opset: Int) throws(RuntimeError) {
    start = try node.int("start", default: 0)
    end = try node.int("end")
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    func clamp(_ i: Int) -> Int { min(max(i < 0 ? i + x.rank : i, 0), x.rank) }
    let dims = x.shape[clamp(start)..<max(clamp(start), clamp(end ?? x.rank))]
    return [Tensor(int64: dims.map { Int64($0) }, shape: [dims.count])]
  }
}
