import Foundation
import ModelGraph
import ZIPFoundation

/// Writes an `.npz` one array at a time, so peak memory stays one array.
///
/// ```swift
/// let out = try NPZWriter(url: acts)
/// for (name, t) in produced { try out.add(t, key: name) }
/// try out.finish()  // renames the temporary archive onto `acts`
/// ```
/// The archive grows in a temporary sibling file that `finish()` renames into place; dropped
/// unfinished, it is deleted. An existing file is refused unless `force`.
/// Members are stored (`np.savez`) or deflated (`np.savez_compressed`), dated 2000-01-01 so the
/// same arrays give the same bytes. A class because it owns the open archive.
public final class NPZWriter {
  public enum Compression: Sendable { case stored, deflated }

  public let url: URL
  public private(set) var keys: [String] = []
  private let temporary: URL
  private let compression: Compression
  private var archive: Archive?

  public init(url: URL, compression: Compression = .stored, force: Bool = false) throws(FormatError) {
    self.url = url
    self.compression = compression
    if !force, FileManager.default.fileExists(atPath: url.path) { throw .outputExists(file: url.path) }
    let name = ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    temporary = url.deletingLastPathComponent().appendingPathComponent(name)
    do {
      archive = try Archive(url: temporary, accessMode: .create, pathEncoding: nil)
    } catch {
      throw .writeFailed(file: url.path, reason: NPZReader.explain(error))
    }
  }

  /// Appends `tensor` as the member `<key>.npy`.
  public func add(_ tensor: Tensor, key: String) throws(FormatError) {
    guard let archive else { preconditionFailure("NPZWriter.add(_:key:) after finish()") }
    guard !keys.contains(key) else { throw .npzDuplicateKey(file: url.path, key: key) }
    let header = try NPY.header(for: tensor, file: url.path, key: key)
    let body = tensor.bytes
    let total = header.count + body.count
    do {
      try archive.addEntry(
        with: key + ".npy", type: .file, uncompressedSize: Int64(total),
        modificationDate: Date(timeIntervalSince1970: 946_728_000),
        compressionMethod: compression == .stored ? .none : .deflate, bufferSize: 1 << 20
      ) { position, size in
        var chunk = Data(capacity: size)
        let start = Int(position), end = min(start + size, total)
        if start < header.count { chunk.append(contentsOf: header[start..<min(end, header.count)]) }
        if end > header.count, let base = body.baseAddress {
          let from = max(start, header.count) - header.count
          chunk.append(base.assumingMemoryBound(to: UInt8.self) + from, count: end - header.count - from)
        }
        return chunk
      }
    } catch {
      throw .writeFailed(file: url.path, reason: "adding '\(key)': " + NPZReader.explain(error))
    }
    keys.append(key)
  }

  /// Closes the archive and renames it onto `url`.
  public func finish() throws(FormatError) {
    guard archive != nil else { return }
    archive = nil  // closes the file; every entry was flushed as it was added
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary.path)
      throw .writeFailed(file: url.path, reason: reason)
    }
  }

  deinit {
    if archive != nil {
      archive = nil
      unlink(temporary.path)
    }
  }
}
