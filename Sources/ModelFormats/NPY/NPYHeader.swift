import ModelGraph
/// The preamble of an .npy file: magic `\x93NUMPY`, version, header length, then a Python dict
/// literal `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and
/// ended by a newline. Versions 1.0 (16-bit length), 2.0 (32-bit length) and 3.0 (32-bit length,
/// UTF-8 text) are read; 1.0 is written, or 2.0 when the text needs more than 65535 bytes.
struct NPYHeader {
  var descrText: String
  var descr: NPYDescr
  var fortranOrder: Bool
  var shape: [Int]
  /// Offset of the first data byte in the file.
  var dataOffset: Int

  static let magic: [UInt8] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]  // \x93NUMPY

  /// Bytes of data the shape and dtype need; checked against overflow when parsed.
  var dataByteCount: Int
}

extension NPYHeader {
  /// Reads the preamble at the start of `bytes`; errors name `file` and `member`.
  static func parse(_ bytes: UnsafeRawBufferPointer, file: String, member: String?)
    throws(FormatError) -> NPYHeader
  {
    func bad(_ reason: String) -> FormatError { .npyBadHeader(file: file, member: member, reason: reason) }
    let head = Array(bytes.prefix(magic.count))
    guard head[...] == magic[..<head.count] else {
      throw .npyBadMagic(file: file, member: member, found: head)
    }
    guard bytes.count >= 10 else {
      throw .truncated(file: file, member: member, what: "the .npy preamble", expected: 10, found: bytes.count)
    }
    let (major, minor) = (bytes[6], bytes[7])
    guard [1, 2, 3].contains(major), minor == 0 else {
      throw bad("version \(major).\(minor); expected 1.0, 2.0 or 3.0")
    }
    let lengthBytes = major == 1 ? 2 : 4
    guard bytes.count >= 8 + lengthBytes else {
      throw .truncated(file: file, member: member, what: "the .npy preamble", expected: 8 + lengthBytes,
                       found: bytes.count)
    }
    let length = (0..<lengthBytes).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
    let dataOffset = 8 + lengthBytes + length
    guard bytes.count >= dataOffset else {
      throw .truncated(file: file, member: member, what: "the .npy header", expected: dataOffset,
                       found: bytes.count)
    }
    let raw = UnsafeRawBufferPointer(rebasing: bytes[(8 + lengthBytes)..<dataOffset])
    let text: String
    if major == 3 {
      guard let utf8 = String(validating: raw, as: UTF8.self) else { throw bad("header text is not UTF-8") }
      text = utf8
    } else {
      text = String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))  // latin-1
    }
    let literal: PythonLiteral
    do { literal = try PythonLiteral.parse(text) } catch { throw bad(error.reason + " in \(quoted(text))") }
    return try fields(of: literal, dataOffset: dataOffset, file: file, member: member)
  }

  private static func fields(of literal: PythonLiteral, dataOffset: Int, file: String, member: String?)
    throws(FormatError) -> NPYHeader
  {
    func bad(_ reason: String) -> FormatError { .npyBadHeader(file: file, member: member, reason: reason) }
    guard case .dict(let items) = literal else { throw bad("expected a dict literal") }
    let keys = Set(items.map(\.key))
    guard keys == ["descr", "fortran_order", "shape"], items.count == 3 else {
      throw bad("expected exactly the keys 'descr', 'fortran_order', 'shape'; found "
        + items.map { "'\($0.key)'" }.joined(separator: ", "))
    }
    let value = { (key: String) in items.first { $0.key == key }?.value }
    guard case .string(let descrText)? = value("descr") else {
      throw bad("'descr' must be a type string such as '<f4' (structured dtypes are not supported)")
    }
    guard case .bool(let fortran)? = value("fortran_order") else { throw bad("'fortran_order' must be True or False") }
    guard case .tuple(let dims)? = value("shape") else { throw bad("'shape' must be a tuple of integers") }
    var shape: [Int] = []
    for dim in dims {
      guard case .int(let n) = dim, n >= 0 else { throw bad("'shape' must hold non-negative integers") }
      shape.append(n)
    }
    guard let descr = NPYDescr(descrText) else {
      throw .npyUnsupportedDType(file: file, member: member, descr: descrText)
    }
    guard let count = Tensor.checkedElementCount(shape),
          let bytes = Tensor.checkedByteCount(elements: count, dtype: descr.dtype) else {
      throw bad("shape \(shape) of '\(descrText)' needs more than Int.max bytes")
    }
    return NPYHeader(descrText: descrText, descr: descr, fortranOrder: fortran, shape: shape,
                     dataOffset: dataOffset, dataByteCount: bytes)
  }

  /// The preamble numpy would write for a little-endian, C-order array: version 1.0 unless the
  /// text needs 2.0, padded with spaces so the data starts on a 64-byte boundary.
  static func encode(descr: String, shape: [Int]) -> [UInt8] {
    let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
    let dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }"
    var text = Array(dict.utf8)
    let version: UInt8 = text.count + 1 + 10 > 65535 ? 2 : 1
    let prefix = version == 1 ? 10 : 12
    let padding = (64 - (prefix + text.count + 1) % 64) % 64
    text += Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
    let lengthBytes = version == 1 ? 2 : 4
    let length = (0..<lengthBytes).map { UInt8(truncatingIfNeeded: text.count >> (8 * $0)) }
    return magic + [version, 0] + length + text
  }
}

private func quoted(_ text: String) -> String {
  let trimmed = text.trimmingSuffix { $0 == " " || $0 == "\n" }
  return "'" + (trimmed.count > 200 ? trimmed.prefix(200) + "…" : trimmed) + "'"
}

private extension String {
  func trimmingSuffix(while drop: (Character) -> Bool) -> String {
    var s = Substring(self)
    while let last = s.last, drop(last) { s.removeLast() }
    return String(s)
  }
}
