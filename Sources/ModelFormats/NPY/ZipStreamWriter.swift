/// Appends members to a zip file one at a time and writes the central directory on `finish()`.
/// Each member's local header carries its final CRC and sizes (computed before writing), so the
/// file is written strictly forward; zip64 records appear only when a size, offset or count
/// needs them (or always, with `forceZip64`, to test that path). Format: PKWARE APPNOTE 6.3.
/// The sink receives a member as one gather list (header, then data) and the whole central
/// directory as one buffer, so a member costs one system call however small it is.
struct ZipStreamWriter {
  typealias Sink = ([UnsafeRawBufferPointer]) throws(FormatError) -> Void

  private struct Written {
    var name: [UInt8]
    var method: UInt16
    var crc32: UInt32
    var compressedSize: Int
    var size: Int
    var offset: Int
  }

  /// The CRC-32 of `parts` concatenated, as a member's header records it.
  static func crc32(of parts: [UnsafeRawBufferPointer]) -> UInt32 {
    parts.reduce(UInt32(0)) { LibDeflate.crc32($1, continuing: $0) }
  }

  private var written: [Written] = []
  private(set) var offset = 0
  var forceZip64 = false

  /// 2000-01-01 00:00 in MS-DOS format, so equal inputs give equal bytes.
  private static let dosTime = 0, dosDate = (20 << 9) | (1 << 5) | 1

  /// Writes one member whose uncompressed bytes are `parts` concatenated, through `sink`;
  /// `crc32` is their CRC when the caller has it already (`ZipStreamWriter.crc32(of:)`).
  mutating func add(name: String, parts: [UnsafeRawBufferPointer], crc32 known: UInt32? = nil, deflated: Bool,
                    sink: Sink, compressionFailed: () -> FormatError) throws(FormatError) {
    let size = parts.reduce(0) { $0 + $1.count }
    let crc = known ?? Self.crc32(of: parts)
    var compressed: [UInt8]?
    if deflated {
      guard let bytes = LibDeflate.deflate(parts) else { throw compressionFailed() }
      compressed = bytes
    }
    let entry = Written(name: Array(name.utf8), method: deflated ? 8 : 0, crc32: crc,
                        compressedSize: compressed?.count ?? size, size: size, offset: offset)
    let large = forceZip64 || entry.size >= 0xFFFF_FFFF || entry.compressedSize >= 0xFFFF_FFFF
    var header = Record()
    header.u32(0x0403_4b50); header.u16(large ? 45 : 20); header.u16(0x0800); header.u16(Int(entry.method))
    header.u16(Self.dosTime); header.u16(Self.dosDate); header.u32(Int(crc))
    header.u32(large ? 0xFFFF_FFFF : entry.compressedSize); header.u32(large ? 0xFFFF_FFFF : entry.size)
    header.u16(entry.name.count); header.u16(large ? 20 : 0)
    header.bytes += entry.name
    if large { header.u16(1); header.u16(16); header.u64(entry.size); header.u64(entry.compressedSize) }
    try header.bytes.withBytes { (head) throws(FormatError) in
      if let compressed {
        try compressed.withBytes { (data) throws(FormatError) in try sink([head, data]) }
      } else {
        try sink([head] + parts)
      }
    }
    offset += header.bytes.count + entry.compressedSize
    written.append(entry)
  }

  /// Writes the central directory and end records (one write).
  mutating func finish(sink: Sink) throws(FormatError) {
    let start = offset
    var central = Record()
    for entry in written {
      let big = [entry.size, entry.compressedSize, entry.offset].map { forceZip64 || $0 >= 0xFFFF_FFFF }
      central.u32(0x0201_4b50); central.u16(3 << 8 | 45); central.u16(big.contains(true) ? 45 : 20)
      central.u16(0x0800); central.u16(Int(entry.method)); central.u16(Self.dosTime); central.u16(Self.dosDate)
      central.u32(Int(entry.crc32))
      central.u32(big[1] ? 0xFFFF_FFFF : entry.compressedSize); central.u32(big[0] ? 0xFFFF_FFFF : entry.size)
      central.u16(entry.name.count); central.u16(big.filter { $0 }.count * 8 + (big.contains(true) ? 4 : 0))
      central.u16(0); central.u16(0); central.u16(0); central.u32(0o100644 << 16)
      central.u32(big[2] ? 0xFFFF_FFFF : entry.offset)
      central.bytes += entry.name
      if big.contains(true) {
        central.u16(1); central.u16(big.filter { $0 }.count * 8)
        for (value, isBig) in zip([entry.size, entry.compressedSize, entry.offset], big) where isBig { central.u64(value) }
      }
    }
    let size = central.bytes.count, count = written.count
    var end = Record()
    if forceZip64 || count >= 0xFFFF || start >= 0xFFFF_FFFF || size >= 0xFFFF_FFFF {
      let zip64End = start + size
      end.u32(0x0606_4b50); end.u64(44); end.u16(3 << 8 | 45); end.u16(45); end.u32(0); end.u32(0)
      end.u64(count); end.u64(count); end.u64(size); end.u64(start)
      end.u32(0x0706_4b50); end.u32(0); end.u64(zip64End); end.u32(1)
      end.u32(0x0605_4b50); end.u16(0); end.u16(0); end.u16(0xFFFF); end.u16(0xFFFF)
      end.u32(0xFFFF_FFFF); end.u32(0xFFFF_FFFF); end.u16(0)
    } else {
      end.u32(0x0605_4b50); end.u16(0); end.u16(0); end.u16(count); end.u16(count)
      end.u32(size); end.u32(start); end.u16(0)
    }
    try central.bytes.withBytes { (c) throws(FormatError) in
      try end.bytes.withBytes { (e) throws(FormatError) in try sink([c, e]) }
    }
    offset += size + end.bytes.count
  }
}

/// Little-endian record building.
private struct Record {
  var bytes: [UInt8] = []
  mutating func u16(_ v: Int) { append(v, 2) }
  mutating func u32(_ v: Int) { append(v, 4) }
  mutating func u64(_ v: Int) { append(v, 8) }
  private mutating func append(_ v: Int, _ n: Int) {
    for k in 0..<n { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
  }
}
