import ModelGraph

/// `Y` = `X`'s elements in a new shape given as input 1. A `-1` entry is inferred from the
/// element count; a `0` copies `X`'s dimension unless `allowzero` (opset 14) makes it a real 0.
struct Reshape: Kernel {
  static let key = OpKey("Reshape", since: 5)
  static let arity: ClosedRange<Int> = 2...2
  let allowZero: Bool

  init(node: Node, opset: Int) throws(RuntimeError) { allowZero = try node.int("allowzero", default: 0) != 0 }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    var shape = try inputs.requiredInts(1)
    for (i, d) in shape.enumerated() where d == 0 && !allowZero {
      guard i < x.rank else { throw .shape(input: 1, expected: "a 0 only where the data has a dimension", found: shape) }
      shape[i] = x.shape[i]
    }
    let unknown = shape.indices.filter { shape[$0] == -1 }
    if unknown.count == 1, let known = Layout.count(shape.filter { $0 != -1 }), known > 0, x.elementCount % known == 0 {
      shape[unknown[0]] = x.elementCount / known
    }
    guard Layout.count(shape) == x.elementCount else {
      throw .shape(input: 1, expected: "a shape with \(x.elementCount) elements (data shape \(x.shape))", found: shape)
    }
    return [x.reshaped(shape)]
  }
}
