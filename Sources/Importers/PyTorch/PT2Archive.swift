import Foundation
import ModelFormats
import ModelGraph
import ZIPFoundation

/// A `.pt2` archive opened for reading: the zip's directory (ZIPFoundation) over a read-only
/// mapping of the file, so stored members become tensor storage without a copy.
///
/// `torch.export.save` writes every member uncompressed under one top folder named after the
/// archive (`resnet101/models/model.json`); members are addressed here relative to that folder.
struct PT2Archive {
  let file: String
  private let mapped: MappedFile
  private let zip: Archive
  /// The top folder with its trailing slash (`resnet101/`), or `""` for a flat archive.
  let root: String
  /// Byte ranges of stored members inside the mapping, by path relative to `root`.
  private let storedRanges: [String: Range<Int>]
  /// Every member's zip entry, by path relative to `root`.
  private let entries: [String: Entry]

  init(path: String) throws(ImportError) {
    let mapped: MappedFile
    do {
      mapped = try MappedFile(URL(fileURLWithPath: path))
    } catch {
      throw .unreadableFile(file: path, reason: "\(error)")
    }
    let zip: Archive
    do {
      zip = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw .notAnArchive(file: path, reason: "not a zip archive (\(error))")
    }
    var all: [String: Entry] = [:]
    for entry in zip where entry.type == .file { all[entry.path] = entry }
    guard let model = all.keys.filter({ $0.hasSuffix("models/model.json") }).min(by: { $0.count < $1.count })
    else {
      throw .missingMember(file: path, member: "<top folder>/models/model.json")
    }
    let root = String(model.dropLast("models/model.json".count))
    self.file = path
    self.mapped = mapped
    self.zip = zip
    self.root = root
    self.entries = Dictionary(uniqueKeysWithValues: all.compactMap { key, entry in
      key.hasPrefix(root) ? (String(key.dropFirst(root.count)), entry) : nil
    })
    self.storedRanges = Self.locateStoredMembers(in: mapped.bytes, entries: all).reduce(into: [:]) {
      if $1.key.hasPrefix(root) { $0[String($1.key.dropFirst(root.count))] = $1.value }
    }
  }

  func contains(_ member: String) -> Bool { entries[member] != nil }

  /// The member's bytes as tensor storage: a view of the mapping when stored, else a copy.
  func storage(_ member: String) throws(ImportError) -> ByteStorage {
    if let range = storedRanges[member] {
      return ByteStorage(viewing: UnsafeRawBufferPointer(rebasing: mapped.bytes[range]), owner: mapped)
    }
    let data = try self.data(member)
    return data.withUnsafeBytes { ByteStorage(copying: $0) }
  }

  /// The member's bytes, copied (for the small JSON members).
  func data(_ member: String) throws(ImportError) -> Data {
    if let range = storedRanges[member] {
      return Data(UnsafeRawBufferPointer(rebasing: mapped.bytes[range]))
    }
    guard let entry = entries[member] else { throw .missingMember(file: file, member: root + member) }
    var data = Data()
    do {
      _ = try zip.extract(entry, skipCRC32: false) { data.append($0) }
    } catch {
      throw .unreadableMember(file: file, member: root + member, reason: "\(error)")
    }
    return data
  }

  func json(_ member: String) throws(ImportError) -> JSONCursor {
    try JSONCursor.parse(try data(member), file: file, member: root + member)
  }

  /// Walks the local file headers from the start of the file and returns where each stored
  /// (uncompressed) member's data lies. A member whose header does not match the directory is
  /// left out, and is then read through ZIPFoundation instead.
  private static func locateStoredMembers(
    in bytes: UnsafeRawBufferPointer, entries: [String: Entry]
  ) -> [String: Range<Int>] {
    func u16(_ at: Int) -> Int { Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))) }
    func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    var ranges: [String: Range<Int>] = [:]
    var offset = 0
    while offset + 30 <= bytes.count, u32(offset) == 0x0403_4b50 {
      let flags = u16(offset + 6), method = u16(offset + 8)
      let nameLength = u16(offset + 26), extraLength = u16(offset + 28)
      let dataStart = offset + 30 + nameLength + extraLength
      guard dataStart <= bytes.count else { break }
      let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(offset + 30)..<(offset + 30 + nameLength)]), as: UTF8.self)
      guard let entry = entries[name] else { break }
      let size = Int(entry.compressedSize)
      guard size >= 0, dataStart + size <= bytes.count else { break }
      if method == 0 && !entry.isCompressed && Int(entry.uncompressedSize) == size {
        ranges[name] = dataStart..<(dataStart + size)
      }
      offset = dataStart + size
      if flags & 0x8 != 0 {  // a data descriptor follows: optional signature, CRC, two sizes
        let zip64 = entry.compressedSize >= 0xFFFF_FFFF || entry.uncompressedSize >= 0xFFFF_FFFF
          || Self.hasZip64Extra(bytes, from: offset - size - extraLength, count: extraLength)
        if offset + 4 <= bytes.count, u32(offset) == 0x0807_4b50 { offset += 4 }
        offset += 4 + (zip64 ? 16 : 8)
      }
    }
    return ranges
  }

  private static func hasZip64Extra(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) -> Bool {
    var at = start
    while at + 4 <= start + count {
      let id = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))
      let length = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 2, as: UInt16.self)))
      if id == 0x0001 { return true }
      at += 4 + length
    }
    return false
  }
}
