import Foundation

/// Locating stored (uncompressed) members' bytes inside the mapped archive.
///
/// ZIPFoundation does not expose where an entry's data starts, so this reads the two records
/// that say so: the central directory entry (local header offset) and the local header
/// (its own name and extra-field lengths). Zip64 archives fall back to extraction.
extension ZipArchive {
  /// The byte range of every stored member inside `z`, from one pass over the central directory.
  static func storedRanges(in z: UnsafeRawBufferPointer, file: String) throws(FormatError) -> [String: Range<Int>] {
    func u16(_ at: Int) -> Int { Int(z.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) }
    func u32(_ at: Int) -> Int { Int(z.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) }

    // End of central directory: the last 0x06054b50 signature within 64 KiB + 22 bytes of the end.
    guard z.count >= 22 else { return [:] }
    var eocd = z.count - 22
    while eocd >= max(0, z.count - 22 - 65_535), u32(eocd) != 0x0605_4b50 { eocd -= 1 }
    guard eocd >= 0, u32(eocd) == 0x0605_4b50 else { return [:] }
    var ranges: [String: Range<Int>] = [:]
    var record = u32(eocd + 16)
    for _ in 0..<u16(eocd + 10) {
      guard record + 46 <= z.count, u32(record) == 0x0201_4b50 else { return ranges }
      let nameLength = u16(record + 28)
      guard record + 46 + nameLength <= z.count else { return ranges }
      let name = String(decoding: UnsafeRawBufferPointer(rebasing: z[(record + 46)..<(record + 46 + nameLength)]), as: UTF8.self)
      let method = u16(record + 10), size = u32(record + 20), local = u32(record + 42)
      if method == 0, size != 0xFFFF_FFFF, local != 0xFFFF_FFFF, local + 30 <= z.count, u32(local) == 0x0403_4b50 {
        let start = local + 30 + u16(local + 26) + u16(local + 28)
        guard start + size <= z.count else {
          throw .corruptZip(file: file, reason: "member '\(name)' runs past the end of the file")
        }
        ranges[name] = start..<(start + size)
      }
      record += 46 + nameLength + u16(record + 30) + u16(record + 32)
    }
    return ranges
  }

  func storedMember(_ member: String) -> (bytes: UnsafeRawBufferPointer, owner: AnyObject)? {
    guard let range = storedRanges[member] else { return nil }
    return (UnsafeRawBufferPointer(rebasing: mapping.bytes[range]), mapping)
  }
}
