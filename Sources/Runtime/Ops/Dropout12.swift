import ModelGraph

/// Dropout with `ratio` and `training_mode` as inputs (opset 12 on). Only inference is
/// supported: `Y = X` and an all-true `mask`; `training_mode = true` with a non-zero ratio is
/// reported as unsupported rather than silently ignored.
struct Dropout12: Kernel {
  static let key = OpKey("Dropout", since: 12)
  static let arity: ClosedRange<Int> = 1...3
  let inference: Dropout7

  init(node: Node, opset: Int) throws(RuntimeError) { inference = try Dropout7(node: node, opset: opset) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let training = inputs.optional(2)?.truthValues().first ?? false
    let ratio = inputs.optional(1)?.floats()?.first ?? 0.5
    if training && ratio > 0 { throw .unsupported("Dropout in training mode (random masks)") }
    return try inference.run([inputs.optional(0)], context: context)
  }
}
