import ModelGraph

extension Tensor {
  /// For ops whose `axis` is optional (Compress, Unique): the tensor and its normalised axis, or,
  /// without an axis, the tensor flattened to 1-D and axis 0.
  func alongOptionalAxis(_ axis: Int?) throws(RuntimeError) -> (tensor: Tensor, axis: Int) {
    guard let axis else { return (reshaped([elementCount]), 0) }
    guard let normalized = Layout.axis(Int64(axis), rank: rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(rank), \(rank))", found: "\(axis)")
    }
    return (self, normalized)
  }
}
