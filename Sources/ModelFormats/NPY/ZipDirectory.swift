/// The members of a zip archive held in memory (a mapped .npz), read from its central directory:
/// end-of-central-directory record (zip64 when the counts or offsets overflow), one central
/// record per member (zip64 extra field for large sizes and offsets), and each member's local
/// header, which says where its data starts. Format: PKWARE APPNOTE 6.3, sections 4.3 and 4.5.
struct ZipDirectory {
  struct Member {
    var name: String
    /// 0 stored, 8 deflated.
    var method: Int
    var crc32: UInt32
    /// Where the member's (possibly compressed) bytes lie in the archive.
    var data: Range<Int>
    var uncompressedSize: Int
  }

  var members: [Member]

  /// Parses `zip`; throws what is wrong (the caller names the file).
  init(_ zip: UnsafeRawBufferPointer) throws(ZipProblem) {
    let z = ZipBytes(zip)
    guard let eocd = z.lastSignature(0x0605_4b50, within: 22 + 65_535, minimumTail: 22) else {
      throw ZipProblem("not a zip archive (no end-of-central-directory record)")
    }
    var count = try z.u16(eocd + 10), start = try z.u32(eocd + 16)
    if count == 0xFFFF || start == 0xFFFF_FFFF {
      guard eocd >= 20, try z.u32(eocd - 20) == 0x0706_4b50 else {
        throw ZipProblem("zip64 end-of-central-directory locator missing")
      }
      let record = try z.u64(eocd - 12)
      guard try z.u32(record) == 0x0606_4b50 else { throw ZipProblem("zip64 end-of-central-directory record missing") }
      count = try z.u64(record + 32)
      start = try z.u64(record + 48)
    }
    guard count >= 0 else { throw ZipProblem("the member count is damaged") }
    var members: [Member] = []
    var at = start
    for _ in 0..<count {
      guard try z.u32(at) == 0x0201_4b50 else { throw ZipProblem("central directory record \(members.count) is damaged") }
      let flags = try z.u16(at + 8), method = try z.u16(at + 10), crc = UInt32(try z.u32(at + 16))
      var compressed = try z.u32(at + 20), size = try z.u32(at + 24), local = try z.u32(at + 42)
      let nameLength = try z.u16(at + 28), extraLength = try z.u16(at + 30), commentLength = try z.u16(at + 32)
      let name = String(decoding: try z.slice(at + 46, nameLength), as: UTF8.self)
      // Zip64 extended information: the 64-bit values of the fields that read 0xFFFFFFFF, in order.
      var extra = at + 46 + nameLength
      let extraEnd = extra + extraLength
      while extra + 4 <= extraEnd {
        let id = try z.u16(extra), length = try z.u16(extra + 2)
        if id == 1 {
          var field = extra + 4
          if size == 0xFFFF_FFFF { size = try z.u64(field); field += 8 }
          if compressed == 0xFFFF_FFFF { compressed = try z.u64(field); field += 8 }
          if local == 0xFFFF_FFFF { local = try z.u64(field) }
        }
        extra += 4 + length
      }
      guard flags & 1 == 0 else { throw ZipProblem("member '\(name)' is encrypted") }
      guard try z.u32(local) == 0x0403_4b50 else { throw ZipProblem("member '\(name)': local header is damaged") }
      let dataStart = local + 30 + (try z.u16(local + 26)) + (try z.u16(local + 28))
      guard compressed >= 0, size >= 0, compressed <= zip.count - dataStart else {
        throw ZipProblem("member '\(name)' runs past the end of the archive (truncated file?)")
      }
      members.append(Member(name: name, method: method, crc32: crc, data: dataStart..<(dataStart + compressed),
                            uncompressedSize: size))
      at = extraEnd + commentLength
    }
    self.members = members
  }
}

struct ZipProblem: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

/// Bounds-checked little-endian reads.
private struct ZipBytes {
  let bytes: UnsafeRawBufferPointer
  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  func read<T: FixedWidthInteger>(_ at: Int, _ type: T.Type) throws(ZipProblem) -> Int {
    guard at >= 0, at + MemoryLayout<T>.size <= bytes.count else {
      throw ZipProblem("a record at offset \(at) runs past the end of the archive (truncated file?)")
    }
    return Int(truncatingIfNeeded: T(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: T.self)))
  }

  func u16(_ at: Int) throws(ZipProblem) -> Int { try read(at, UInt16.self) }
  func u32(_ at: Int) throws(ZipProblem) -> Int { try read(at, UInt32.self) }
  func u64(_ at: Int) throws(ZipProblem) -> Int { try read(at, UInt64.self) }

  func slice(_ at: Int, _ count: Int) throws(ZipProblem) -> UnsafeRawBufferPointer {
    guard at >= 0, at + count <= bytes.count else { throw ZipProblem("a name runs past the end of the archive") }
    return UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count)])
  }

  /// Offset of the last `signature` in the final `within` bytes, leaving `minimumTail` after it.
  func lastSignature(_ signature: Int, within: Int, minimumTail: Int) -> Int? {
    var at = bytes.count - minimumTail
    while at >= max(0, bytes.count - within) {
      if (try? u32(at)) == signature { return at }
      at -= 1
    }
    return nil
  }
}
