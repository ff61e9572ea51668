import ModelGraph

/// The slices of `input` along `axis` (or of its flattened elements when `axis` is absent)
/// whose entry in the 1-D bool `condition` is true; a shorter condition selects nothing past
/// its end.
struct Compress: Kernel {
  static let key = OpKey("Compress", since: 9)
  static let arity: ClosedRange<Int> = 2...2
  let axis: Int?

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis") }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let (x, a) = try inputs.required(0).alongOptionalAxis(axis)
    let condition = try inputs.required(1).truthValues()
    let kept = condition.prefix(x.shape[a]).indices.filter { condition[$0] }
    return try Gather(axis: a).run([x, Tensor(int64: kept.map(Int64.init), shape: [kept.count])], context: context)
  }
}
