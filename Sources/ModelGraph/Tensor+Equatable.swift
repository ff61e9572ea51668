/// Two tensors are equal when dtype, shape and every byte (or string) agree.
extension Tensor: Hashable {
  public static func == (a: Tensor, b: Tensor) -> Bool {
    a.dtype == b.dtype && a.shape == b.shape && a.strings == b.strings
      && a.bytes.elementsEqual(b.bytes)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(dtype)
    hasher.combine(shape)
    hasher.combine(contentHash)
  }
}
