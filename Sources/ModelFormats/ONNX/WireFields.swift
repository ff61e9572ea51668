/// Raw protobuf wire bytes for fields the codec keeps but does not model (unknown fields of newer
/// schemas, `training_info`, `segment`, …). A blob is a concatenation of complete fields
/// (key varint, then the payload), the form `unknownFields` properties hold.
enum WireFields {
  /// One field: its number, wire type and the payload that follows the key.
  struct Field {
    var number: UInt32
    var wireType: UInt8
    var payload: ArraySlice<UInt8>
  }

  static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(v & 0x7f) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  /// A length-delimited field holding `bytes` (a packed sub-message).
  static func lengthDelimited(_ number: UInt32, _ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    appendVarint(UInt64(number) << 3 | 2, to: &out)
    appendVarint(UInt64(bytes.count), to: &out)
    out += bytes
    return out
  }

  /// The varint at `i` in `bytes[..<end]`, advancing `i` past it; `nil` when it runs past `end`
  /// or 64 bits.
  static func varint<C: RandomAccessCollection>(_ bytes: C, at i: inout Int, end: Int) -> UInt64?
  where C.Element == UInt8, C.Index == Int {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while i < end, shift < 64 {
      let b = bytes[i]
      i += 1
      value |= UInt64(b & 0x7f) << shift
      if b < 0x80 { return value }
      shift += 7
    }
    return nil
  }

  /// Splits a blob into fields; `nil` when it is not well-formed (groups are not supported).
  static func split(_ blob: [UInt8]) -> [Field]? {
    var fields: [Field] = []
    var i = 0
    func varint() -> UInt64? { Self.varint(blob, at: &i, end: blob.count) }
    while i < blob.count {
      guard let key = varint() else { return nil }
      let wireType = UInt8(key & 7)
      let start = i
      switch wireType {
      case 0: guard varint() != nil else { return nil }
      case 1: i += 8
      case 5: i += 4
      case 2:
        guard let n = varint(), n <= UInt64(blob.count - i) else { return nil }
        i += Int(n)
      default: return nil
      }
      guard i <= blob.count, key >> 3 <= UInt64(UInt32.max) else { return nil }
      fields.append(Field(number: UInt32(key >> 3), wireType: wireType, payload: blob[start..<i]))
    }
    return fields
  }
}
