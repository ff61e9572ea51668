import ModelGraph

extension AlignedTensor {
  /// This pair's reference tensor for input `index`, rearranged into the candidate's layout.
  public func referenceTensor(_ index: Int, from reference: any ActivationSource) throws(DiffError) -> Tensor {
    let t: Tensor
    do { t = try reference.tensor(referenceKey, input: index) } catch {
      throw .reference(key: referenceKey, problem: "\(error)")
    }
    guard let values = t.floats() else { throw .reference(key: referenceKey, problem: "not a numeric tensor (\(t.dtype.name))") }
    let shape = transform == .reshape || transform == .incomparable ? t.shape : transform.permuted(t.shape)
    return Tensor(transform.apply(values, shape: t.shape), shape: shape)
  }
}

extension AlignedTensor {
  /// Compares this pair's reference and candidate values; incomparable shapes count as entirely
  /// out of tolerance.
  func metrics(reference: Tensor, candidate: [Float], atol: Float, rtol: Float) -> TensorMetrics {
    guard transform != .incomparable, candidate.count == reference.elementCount else {
      return TensorMetrics(incomparable: max(reference.elementCount, candidate.count))
    }
    return TensorMetrics(reference: reference.floats() ?? [], candidate: candidate, atol: atol, rtol: rtol)
  }
}
