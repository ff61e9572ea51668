import Foundation
import ModelGraph

/// Reads numpy's `.npz` archives (`np.savez`, `np.savez_compressed`): a zip whose members are
/// `<key>.npy` files, stored or deflated. Keys may contain `/`.
///
/// ```swift
/// let npz = try NPZReader(contentsOf: url)
/// for key in npz.keys { let t = try npz.tensor(key) }  // one member at a time
/// ```
/// The archive is mapped, not read: opening parses only the central directory, a stored member
/// is viewed in place (no copy) and a deflated one inflated into its own buffer. Every member's
/// CRC-32 is checked when it is read. A class because it owns the mapping.
public final class NPZReader: @unchecked Sendable {
  public let url: URL
  /// Member names without `.npy`, in archive order.
  public let keys: [String]
  private let mapping: MappedFile
  private let members: [String: ZipDirectory.Member]

  public init(contentsOf url: URL) throws(FormatError) {
    self.url = url
    mapping = try MappedFile(url)
    let directory: ZipDirectory
    do { directory = try ZipDirectory(mapping.bytes) } catch {
      throw .npzCorrupt(file: url.path, member: nil, reason: error.reason)
    }
    var keys: [String] = []
    var members: [String: ZipDirectory.Member] = [:]
    for member in directory.members where member.name.hasSuffix(".npy") {
      let key = String(member.name.dropLast(4))
      if members.updateValue(member, forKey: key) == nil { keys.append(key) }
    }
    self.keys = keys
    self.members = members
  }

  public func contains(_ key: String) -> Bool { members[key] != nil }

  /// Decodes the member `<key>.npy`.
  public func tensor(_ key: String) throws(FormatError) -> Tensor {
    guard let member = members[key] else { throw .npzMissingKey(file: url.path, key: key, available: keys) }
    func corrupt(_ reason: String) -> FormatError { .npzCorrupt(file: url.path, member: member.name, reason: reason) }
    let packed = UnsafeRawBufferPointer(rebasing: mapping.bytes[member.data])
    let storage: ByteStorage
    switch member.method {
    case 0:
      guard packed.count == member.uncompressedSize else {
        throw corrupt("stored member of \(packed.count) bytes, the zip directory says \(member.uncompressedSize)")
      }
      storage = ByteStorage(viewing: packed, owner: mapping)
    case 8:
      // Deflate expands at most 1032:1; a directory claiming more (a zip bomb) or more than
      // memory holds is refused before the buffer is allocated.
      let (ceiling, overflow) = packed.count.multipliedReportingOverflow(by: 1032)
      guard member.uncompressedSize <= SizeLimits.memoryBytes, overflow || member.uncompressedSize <= ceiling else {
        throw corrupt("the zip directory claims \(member.uncompressedSize) bytes from \(packed.count) deflated ones")
      }
      var problem: String?
      storage = ByteStorage(count: member.uncompressedSize) { problem = LibDeflate.inflate(packed, into: $0) }
      if let problem { throw corrupt(problem) }
    default:
      throw corrupt("compression method \(member.method); expected 0 (stored) or 8 (deflated)")
    }
    guard LibDeflate.crc32(storage.bytes) == member.crc32 else {
      throw corrupt("CRC-32 mismatch: the member's bytes are damaged")
    }
    return try NPY.decode(storage, file: url.path, member: member.name)
  }

  /// The dtype and shape of member `<key>.npy`, from its header alone when the member is stored
  /// (a deflated member is decoded).
  public func header(_ key: String) throws(FormatError) -> (dtype: DType, shape: [Int]) {
    guard let member = members[key] else { throw .npzMissingKey(file: url.path, key: key, available: keys) }
    guard member.method == 0 else {
      let t = try tensor(key)
      return (t.dtype, t.shape)
    }
    let header = try NPYHeader.parse(UnsafeRawBufferPointer(rebasing: mapping.bytes[member.data]), file: url.path, member: member.name)
    return (header.descr.dtype, header.shape)
  }

  /// Every array, in archive order (loads them all: prefer `tensor(_:)` for large archives).
  public func all() throws(FormatError) -> [(key: String, tensor: Tensor)] {
    var out: [(key: String, tensor: Tensor)] = []
    for key in keys { out.append((key, try tensor(key))) }
    return out
  }
}
