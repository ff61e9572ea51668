/// Sizes computed from shapes read from files, where `elementCount` and `byteSize * count`
/// would trap on overflow.
extension Tensor {
  /// The number of elements of `shape`, or `nil` when a dimension is negative or the product
  /// overflows `Int`.
  public static func checkedElementCount<S: Sequence>(_ shape: S) -> Int? where S.Element: BinaryInteger {
    var total = 1
    for d in shape {
      guard d >= 0, let dim = Int(exactly: d) else { return nil }
      let (product, overflow) = total.multipliedReportingOverflow(by: dim)
      guard !overflow else { return nil }
      total = product
    }
    return total
  }

  /// Bytes `elements` values of `dtype` take packed (4-bit types two to a byte), or `nil` for
  /// strings and when the count overflows `Int`.
  public static func checkedByteCount(elements: Int, dtype: DType) -> Int? {
    guard elements >= 0, dtype != .string, dtype != .undefined else { return nil }
    guard let size = dtype.byteSize else { return elements / 2 + elements % 2 }
    let (bytes, overflow) = elements.multipliedReportingOverflow(by: size)
    return overflow ? nil : bytes
  }
}
