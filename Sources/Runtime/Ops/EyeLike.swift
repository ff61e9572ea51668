import ModelGraph

/// A matrix shaped like the 2-D input with ones on diagonal `k` and zeros elsewhere, in `dtype`
/// (default: the input's).
struct EyeLike: Kernel {
  static let key = OpKey("EyeLike", since: 9)
  static let arity: ClosedRange<Int> = 1...1
  let k: Int, dtype: DType?

  init(node: Node, opset: Int) throws(RuntimeError) {
    k = try node.int("k", default: 0)
    dtype = try node.int("dtype").flatMap { DType(rawValue: Int32(truncatingIfNeeded: $0)) }
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.rank == 2 else { throw .shape(input: 0, expected: "a matrix", found: x.shape) }
    let target = dtype ?? x.dtype
    guard target.computeClass != nil else { throw .dtype(input: 0, expected: "a numeric or bool type", found: target) }
    let cols = x.shape[1]
    let ones = (0..<x.elementCount).map { i in Int64(i % cols - i / cols == k ? 1 : 0) }
    return [Tensor.numbers(ones, dtype: target, shape: x.shape)]
  }
}
