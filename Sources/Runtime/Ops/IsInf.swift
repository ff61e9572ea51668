import ModelGraph

/// `Y = isinf(X)` into bool, elementwise; `detect_negative` / `detect_positive` = 0 ignore
/// that sign.
struct IsInf: Kernel {
  static let key = OpKey("IsInf", since: 10)
  static let arity: ClosedRange<Int> = 1...1
  let negative: Bool, positive: Bool

  init(node: Node, opset: Int) throws(RuntimeError) {
    negative = try node.int("detect_negative", default: 1) != 0
    positive = try node.int("detect_positive", default: 1) != 0
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.isFloat else { throw .dtype(input: 0, expected: "a float tensor", found: x.dtype) }
    let flags = (x.floats() ?? []).map { $0.isInfinite && ($0 > 0 ? positive : negative) }
    return [Tensor.bools(flags, shape: x.shape)]
  }
}
