import ModelGraph

/// The upper (`upper = 1`, default) or lower triangle of each trailing matrix of `X`, shifted
/// by the optional diagonal offset `k` (input 1); other elements become 0.
struct Trilu: Kernel {
  static let key = OpKey("Trilu", since: 14)
  static let arity: ClosedRange<Int> = 1...2
  let upper: Bool

  init(node: Node, opset: Int) throws(RuntimeError) { upper = try node.int("upper", default: 1) != 0 }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.rank >= 2 else { throw .shape(input: 0, expected: "rank ≥ 2", found: x.shape) }
    let k = try inputs.ints(1)?.first ?? 0
    let (rows, cols) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
    let keep = (0..<x.elementCount).map { i in
      let d = i % cols - i / cols % rows
      return upper ? d >= k : d <= k
    }
    let zero = Tensor.numbers([0], dtype: x.dtype, shape: [])
    return try Where().run([Tensor.bools(keep, shape: x.shape), x, zero], context: context)
  }
}
