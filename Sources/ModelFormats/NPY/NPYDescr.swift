import ModelGraph
/// An .npy `descr` string such as `<f4`, `>i8` or `|b1`: element type and byte order.
struct NPYDescr: Equatable, Sendable {
  var dtype: DType
  /// True for `>` (big endian, byte-swapped on read) when the element has more than one byte.
  var bigEndian: Bool

  /// The dtypes NPY can hold, with numpy's type character.
  private static let kinds: [(DType, Character)] = [
    (.bool, "b"), (.float16, "f"), (.float32, "f"), (.float64, "f"),
    (.int8, "i"), (.int16, "i"), (.int32, "i"), (.int64, "i"),
    (.uint8, "u"), (.uint16, "u"), (.uint32, "u"), (.uint64, "u"),
  ]

  /// Parses `descr`; `nil` when the dtype is not one DeltaNN reads.
  init?(_ descr: String) {
    var chars = Array(descr)
    var order: Character = "="
    if let first = chars.first, "<>|=".contains(first) {
      order = first
      chars.removeFirst()
    }
    guard chars.count >= 2, let size = Int(String(chars.dropFirst())),
          let (dtype, _) = Self.kinds.first(where: { $0.1 == chars[0] && $0.0.byteSize == size })
    else { return nil }
    self.dtype = dtype
    // `=` is native order; DeltaNN runs on little-endian hosts only.
    self.bigEndian = order == ">" && size > 1
  }

  init(dtype: DType) {
    self.dtype = dtype
    self.bigEndian = false
  }

  /// The little-endian descr numpy writes (`<f4`, `|u1`, `|b1`); `nil` when NPY cannot hold `dtype`.
  static func string(for dtype: DType) -> String? {
    guard let (_, kind) = kinds.first(where: { $0.0 == dtype }), let size = dtype.byteSize else {
      return nil
    }
    return (size == 1 ? "|" : "<") + String(kind) + String(size)
  }
}
