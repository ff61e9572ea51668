import Foundation
import ModelGraph

/// Writes an `.npz` one array at a time, so peak memory stays one array.
///
/// ```swift
/// let out = try NPZWriter(url: acts)
/// for (name, t) in produced { try out.add(t, key: name) }
/// try out.finish()  // writes the zip directory and renames the file onto `acts`
/// ```
/// The archive grows in a temporary sibling file that `finish()` renames into place; dropped
/// unfinished, it is deleted. An existing file is refused unless `force`. Members are stored
/// (`np.savez`) or deflated (`np.savez_compressed`; each member is gathered and compressed in
/// memory first), dated 2000-01-01 so the same arrays give the same bytes. A class because it
/// owns the file.
public final class NPZWriter {
  public enum Compression: Sendable { case stored, deflated }

  public let url: URL
  public private(set) var keys: [String] = []
  private var used: Set<String> = []
  private let compression: Compression
  private var file: StagedFile?
  private var zip = ZipStreamWriter()

  public init(url: URL, compression: Compression = .stored, force: Bool = false) throws(FormatError) {
    self.url = url
    self.compression = compression
    file = try StagedFile(url, force: force)
  }

  /// Writes every record in zip64 form (tests of the > 4 GiB path without 4 GiB files).
  var forceZip64: Bool {
    get { zip.forceZip64 }
    set { zip.forceZip64 = newValue }
  }

  /// Appends `tensor` as the member `<key>.npy`.
  public func add(_ tensor: Tensor, key: String) throws(FormatError) {
    guard let file else { preconditionFailure("NPZWriter.add(_:key:) after finish()") }
    guard !used.contains(key) else { throw .npzDuplicateKey(file: url.path, key: key) }
    let header = try NPY.header(for: tensor, file: url.path, key: key)
    try header.withBytes { (headerBytes) throws(FormatError) in
      try zip.add(name: key + ".npy", parts: [headerBytes, tensor.bytes], deflated: compression == .deflated,
                  sink: { (parts) throws(FormatError) in try file.write(parts) },
                  compressionFailed: { .writeFailed(file: url.path, reason: "libdeflate could not compress '\(key)'") })
    }
    keys.append(key)
    used.insert(key)
  }

  /// Writes the zip directory and renames the archive onto `url`.
  public func finish() throws(FormatError) {
    guard let file else { return }
    try zip.finish { (parts) throws(FormatError) in try file.write(parts) }
    try file.commit()
    self.file = nil
  }
}
