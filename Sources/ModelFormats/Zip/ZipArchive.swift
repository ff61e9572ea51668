import Foundation
import ModelGraph
import ZIPFoundation

/// A zip archive opened for reading (`.keras` files, `.pt2` archives).
///
/// ```swift
/// let zip = try ZipArchive(url: URL(fileURLWithPath: "model.keras"))
/// let config = try zip.data(of: "config.json")
/// let weights = try zip.hdf5File(member: "model.weights.h5")  // no copy when stored
/// ```
/// A class because it owns the open archive and the file mapping.
public final class ZipArchive: @unchecked Sendable {
  public let url: URL
  private let archive: Archive
  private let entries: [String: Entry]
  /// Member names in archive order.
  public let memberNames: [String]
  /// The file mapped read-only, and where its stored members lie in it.
  let mapping: MappedFile
  let storedRanges: [String: Range<Int>]

  public init(url: URL) throws(FormatError) {
    self.url = url
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw .unreadable(file: url.path, reason: "no such readable file")
    }
    mapping = try MappedFile(url)
    // ZIPFoundation traps on some corrupt directories (an offset beyond Int64 in its
    // iterator): it sees only archives whose every central record and local header lies
    // inside the file.
    do { _ = try ZipDirectory(mapping.bytes) } catch {
      throw .corruptZip(file: url.path, reason: error.reason)
    }
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw .corruptZip(file: url.path, reason: "no zip central directory (\(error))")
    }
    var entries: [String: Entry] = [:]
    var names: [String] = []
    for entry in archive {
      entries[entry.path] = entry
      names.append(entry.path)
    }
    self.entries = entries
    memberNames = names
    storedRanges = try Self.storedRanges(in: mapping.bytes, file: url.path)
  }

  public func contains(_ member: String) -> Bool { entries[member] != nil }

  /// The uncompressed bytes of `member`, checked against the archive's CRC.
  public func data(of member: String) throws(FormatError) -> Data {
    guard let entry = entries[member] else { throw .missingZipMember(file: url.path, member: member) }
    try checkSize(of: entry)
    var data = Data()
    data.reserveCapacity(Int(entry.uncompressedSize))
    do {
      _ = try archive.extract(entry) { data.append($0) }
    } catch {
      throw .corruptZip(file: url.path, reason: "member '\(member)' cannot be extracted (\(error))")
    }
    return data
  }

  /// Refuses a member before extraction reserves its claimed size when that size exceeds
  /// physical memory or what its compressed bytes can decode to.
  private func checkSize(of entry: Entry) throws(FormatError) {
    let claimed = entry.uncompressedSize
    let compressed = Int(clamping: min(entry.compressedSize, UInt64(mapping.bytes.count)))
    let limit = UInt64(min(SizeLimits.decodedBytes(fromStored: compressed, compressed: entry.isCompressed), SizeLimits.memoryBytes))
    guard claimed <= limit else {
      throw .corruptZip(file: url.path, reason: "member '\(entry.path)' claims \(claimed) bytes from \(entry.compressedSize) compressed (at most \(limit))")
    }
  }

  /// The bytes of `member` as tensor storage: a view of the mapped file when the member is
  /// stored uncompressed, otherwise an extracted copy.
  public func storage(of member: String) throws(FormatError) -> ByteStorage {
    if let stored = storedMember(member) { return ByteStorage(viewing: stored.bytes, owner: stored.owner) }
    let data = try self.data(of: member)
    return data.withUnsafeBytes { ByteStorage(copying: $0) }
  }

  /// Opens the HDF5 file stored as `member`: viewed in place when the member is stored
  /// uncompressed (as Keras writes it), otherwise extracted into memory first.
  public func hdf5File(member: String) throws(FormatError) -> HDF5File {
    guard entries[member] != nil else { throw .missingZipMember(file: url.path, member: member) }
    let name = "\(url.path)/\(member)"
    if let stored = storedMember(member) {
      return try HDF5File(image: stored.bytes, owner: stored.owner, name: name)
    }
    let data = try self.data(of: member)
    let storage = data.withUnsafeBytes { ByteStorage(copying: $0) }
    return try HDF5File(image: storage.bytes, owner: storage, name: name)
  }
}
