import ModelGraph

/// A tensor of the shape in input 1 filled with the one-element `value` attribute (default:
/// float32 0), in `value`'s dtype.
struct ConstantOfShape: Kernel {
  static let key = OpKey("ConstantOfShape", since: 9)
  static let arity: ClosedRange<Int> = 1...1
  let value: Tensor

  init(node: Node, opset: Int) throws(RuntimeError) {
    value = try node.tensor("value") ?? Tensor([0], shape: [1])
    guard value.elementCount == 1, value.dtype.byteSize != nil, value.dtype != .string else {
      throw .attribute(name: "value", expected: "a one-element numeric tensor", found: "a \(value.dtype.name) tensor of shape \(value.shape)")
    }
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let shape = try inputs.requiredInts(0)
    guard Layout.count(shape) != nil else { throw .shape(input: 0, expected: "non-negative dimensions of a representable size", found: shape) }
    return [value.reshaped([]).broadcast(to: shape)]
  }
}
