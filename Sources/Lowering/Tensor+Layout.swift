import ModelGraph

/// Weight reshaping and constants for lowering (the axis permute is ModelGraph's `Tensor.permuted`).
extension Tensor {
  /// The same bytes with another shape of the same element count.
  func reshaped(_ newShape: [Int]) -> Tensor {
    precondition(newShape.reduce(1, *) == elementCount, "reshape \(shape) to \(newShape)")
    var t = self
    t.shape = newShape
    return t
  }

  /// A float32 tensor of `count` copies of `value`.
  static func filled(_ value: Float, shape: [Int]) -> Tensor {
    Tensor([Float](repeating: value, count: shape.reduce(1, *)), shape: shape)
  }

  /// An int64 vector (shapes, pads, axes).
  static func int64s(_ values: [Int]) -> Tensor {
    Tensor(int64: values.map(Int64.init), shape: [values.count])
  }
}
