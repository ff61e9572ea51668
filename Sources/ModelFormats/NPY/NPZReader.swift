import Foundation
import ModelGraph
import ZIPFoundation

/// Reads numpy's `.npz` archives (`np.savez`, `np.savez_compressed`): a zip whose members are
/// `<key>.npy` files, stored or deflated. Keys may contain `/`.
///
/// ```swift
/// let npz = try NPZReader(contentsOf: url)
/// for key in npz.keys { let t = try npz.tensor(key) }  // one member at a time
/// ```
/// Opening reads only the zip's central directory; `tensor(_:)` inflates or copies that one
/// member into one buffer (the tensor views it unless it must be reordered). A class because it
/// holds the open archive; not for concurrent use.
public final class NPZReader {
  public let url: URL
  /// Member names without `.npy`, in archive order.
  public let keys: [String]
  private let archive: Archive
  private let entries: [String: Entry]

  public init(contentsOf url: URL) throws(FormatError) {
    self.url = url
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      let exists = FileManager.default.fileExists(atPath: url.path)
      throw .unreadable(file: url.path, reason: exists ? "permission denied" : "No such file or directory")
    }
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw .npzCorrupt(file: url.path, member: nil, reason: Self.explain(error))
    }
    var keys: [String] = []
    var entries: [String: Entry] = [:]
    for entry in archive where entry.type == .file && entry.path.hasSuffix(".npy") {
      let key = String(entry.path.dropLast(4))
      if entries.updateValue(entry, forKey: key) == nil { keys.append(key) }
    }
    self.keys = keys
    self.entries = entries
  }

  public func contains(_ key: String) -> Bool { entries[key] != nil }

  /// Decodes the member `<key>.npy`; its CRC-32 is checked.
  public func tensor(_ key: String) throws(FormatError) -> Tensor {
    guard let entry = entries[key] else {
      throw .npzMissingKey(file: url.path, key: key, available: keys)
    }
    let member = entry.path
    let size = Int(clamping: entry.uncompressedSize)
    var filled = 0
    var checksum: CRC32 = 0
    let storage: ByteStorage
    do {
      storage = try ByteStorage(count: size) { buffer in
        checksum = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { chunk in
          guard filled + chunk.count <= size else { throw Archive.ArchiveError.invalidEntrySize }
          chunk.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + chunk.count)]))
          filled += chunk.count
        }
      }
    } catch {
      throw .npzCorrupt(file: url.path, member: member, reason: Self.explain(error))
    }
    guard filled == size else {
      throw .truncated(file: url.path, member: member, what: "the member", expected: size, found: filled)
    }
    guard checksum == entry.checksum else {
      throw .npzCorrupt(file: url.path, member: member, reason: "CRC-32 mismatch: the member's bytes are damaged")
    }
    return try NPY.decode(storage, file: url.path, member: member)
  }

  /// Every array, in archive order (loads them all: prefer `tensor(_:)` for large archives).
  public func all() throws(FormatError) -> [(key: String, tensor: Tensor)] {
    var out: [(key: String, tensor: Tensor)] = []
    for key in keys { out.append((key, try tensor(key))) }
    return out
  }

  static func explain(_ error: any Error) -> String {
    guard let error = error as? Archive.ArchiveError else { return String(describing: error) }
    switch error {
    case .missingEndOfCentralDirectoryRecord: return "not a zip archive (no end-of-central-directory record)"
    case .unreadableArchive: return "the archive cannot be read"
    case .invalidCompressionMethod: return "unsupported compression method (expected stored or deflated)"
    case .invalidCRC32: return "CRC-32 mismatch"
    case .invalidEntrySize: return "member size disagrees with the zip directory"
    case .invalidLocalHeaderDataOffset, .invalidLocalHeaderSize: return "bad local file header"
    case .invalidCentralDirectoryOffset, .invalidCentralDirectorySize, .invalidCentralDirectoryEntryCount:
      return "bad central directory"
    default: return "\(error)"
    }
  }
}
