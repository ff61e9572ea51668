import ModelGraph

/// Scatters the pooled values `X` back to the flat positions `I` (MaxPool's indices) of a zero
/// tensor shaped as the pooling's input: `(d − 1)·stride − pads + kernel` per spatial axis, or
/// the optional `output_shape` input (the inferred block sits at its origin).
struct MaxUnpool: Kernel {
  static let key = OpKey("MaxUnpool", since: 9)
  static let arity: ClosedRange<Int> = 2...3
  let kernel: [Int], pads: [Int]?, strides: [Int]?

  init(node: Node, opset: Int) throws(RuntimeError) {
    kernel = try node.requiredInts("kernel_shape")
    pads = try node.ints("pads")
    strides = try node.ints("strides")
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0), k = kernel.count
    guard x.rank == k + 2, let indices = try inputs.ints(1), indices.count == x.elementCount else {
      throw .shape(input: 1, expected: "indices shaped as X \(x.shape)", found: try inputs.required(1).shape)
    }
    let strides = strides ?? Array(repeating: 1, count: k), pads = pads ?? Array(repeating: 0, count: 2 * k)
    let inferred = Array(x.shape[..<2]) + (0..<k).map { (x.shape[$0 + 2] - 1) * strides[$0] - pads[$0] - pads[$0 + k] + kernel[$0] }
    let shape = try inputs.ints(2) ?? inferred
    guard let total = Layout.count(inferred), Layout.count(shape) != nil, shape.count == x.rank,
          zip(shape, inferred).allSatisfy({ $0 >= $1 }), indices.allSatisfy({ (0..<total).contains($0) }) else {
      throw .shape(input: 1, expected: "indices inside the unpooled shape \(inferred)", found: shape)
    }
    var y = [Float](repeating: 0, count: total)
    let values = x.floats() ?? []
    for (i, at) in indices.enumerated() { y[at] = values[i] }
    let block = Tensor(y, shape: inferred).converted(to: x.dtype)
    let grow = Array(repeating: 0, count: shape.count) + zip(shape, inferred).map { $0 - $1 }
    return [try Pad11.pad(block, pads: grow, mode: "constant", value: Tensor.numbers([0], dtype: x.dtype, shape: []))]
  }
}
