import Foundation
import ModelGraph

/// Writes an `.npz` one array at a time, on a background queue, so a producer (the interpreter
/// capturing every layer) computes the next array while the previous ones reach the file.
///
/// ```swift
/// let out = try NPZWriter(url: acts)
/// for (name, t) in produced { try out.add(t, key: name) }
/// try out.finish()  // waits for the queue, writes the zip directory, renames onto `acts`
/// ```
/// At most `queueLimit` bytes of arrays (64 MiB by default) wait for the queue (one larger array may wait alone),
/// so memory stays bounded whatever the producer's pace. The archive grows in a temporary
/// sibling file that `finish()` renames into place; dropped unfinished, it is deleted. An
/// existing file is refused unless `force`. Members are stored (`np.savez`) or deflated
/// (`np.savez_compressed`; each member is compressed in memory first), dated 2000-01-01 so the
/// same arrays give the same bytes. A write error surfaces at the next `add` or at `finish`.
///
/// Thread-safety: `keys`, `used` and `finished` belong to the caller's thread; the file and the
/// zip state (`Archive`) are touched only on `queue` (and by `finish` inside `queue.sync`); the
/// first failure and the queued byte count are guarded by `Gate`'s lock. Queued work holds the
/// archive and the gate, not the writer, so dropping an unfinished writer drains the queue and
/// deletes the temporary file before `deinit` returns.
public final class NPZWriter {
  public enum Compression: Sendable { case stored, deflated }

  public let url: URL
  public private(set) var keys: [String] = []
  /// Bytes of arrays that may wait for the background queue at once.
  public let queueLimit: Int
  private var used: Set<String> = []
  private var finished = false
  private let compression: Compression
  private let archive: Archive
  private let gate = Gate()
  private let queue = DispatchQueue(label: "deltann.npz-writer")

  /// `durable: false` skips the `fsync` before the rename: the archive is still never seen
  /// partial after a crash of this process, but a power loss may lose it (for archives that a
  /// re-run regenerates, such as captured activations).
  public init(url: URL, compression: Compression = .stored, force: Bool = false, durable: Bool = true,
              queueLimit: Int = 64 << 20) throws(FormatError)
  {
    self.url = url
    self.queueLimit = queueLimit
    self.compression = compression
    archive = Archive(file: try StagedFile(url, force: force, durable: durable))
  }

  deinit { queue.sync {} }

  /// Writes every record in zip64 form (tests of the > 4 GiB path without 4 GiB files).
  var forceZip64: Bool {
    get { queue.sync { archive.zip.forceZip64 } }
    set { queue.sync { archive.zip.forceZip64 = newValue } }
  }

  /// Queues `tensor` as the member `<key>.npy`; blocks while the queue holds `queueLimit` bytes.
  public func add(_ tensor: Tensor, key: String) throws(FormatError) {
    guard !finished else { preconditionFailure("NPZWriter.add(_:key:) after finish()") }
    guard !used.contains(key) else { throw .npzDuplicateKey(file: url.path, key: key) }
    let header = try NPY.header(for: tensor, file: url.path, key: key)
    let size = tensor.bytes.count
    // The checksum is taken here, while the producer's caches still hold the tensor it just
    // made: the queue's thread is left only the copy into the file, the slower half.
    let crc = header.withUnsafeBytes { ZipStreamWriter.crc32(of: [$0, tensor.bytes]) }
    try gate.enter(size, limit: queueLimit)
    keys.append(key)
    used.insert(key)
    let (archive, gate, path, deflated) = (archive, gate, url.path, compression == .deflated)
    queue.async {
      let error = gate.failed ? nil : archive.add(header: header, tensor: tensor, crc32: crc, key: key, deflated: deflated, path: path)
      gate.leave(size, error)
    }
  }

  /// Waits for the queued arrays, writes the zip directory and renames the archive onto `url`;
  /// `beforeRename` runs once the archive is complete and synced, just before (a companion
  /// file's last step, so the two appear as close together as can be).
  public func finish(beforeRename: () throws(FormatError) -> Void = {}) throws(FormatError) {
    guard !finished else { return }
    finished = true
    let result: Result<Void, FormatError> = queue.sync {
      if let failure = gate.failure { return .failure(failure) }
      return Result { () throws(FormatError) in try archive.finish(beforeRename: beforeRename) }
    }
    try result.get()
  }
}

/// The staged file and the zip records written so far; used on the writer's queue only.
private final class Archive: @unchecked Sendable {
  var file: StagedFile?
  var zip = ZipStreamWriter()

  init(file: StagedFile) { self.file = file }

  func add(header: [UInt8], tensor: Tensor, crc32: UInt32, key: String, deflated: Bool, path: String) -> FormatError? {
    guard let file else { return nil }
    do {
      try header.withBytes { (headerBytes) throws(FormatError) in
        try zip.add(name: key + ".npy", parts: [headerBytes, tensor.bytes], crc32: crc32, deflated: deflated,
                    sink: { (parts) throws(FormatError) in try file.write(parts) },
                    compressionFailed: { .writeFailed(file: path, reason: "libdeflate could not compress '\(key)'") })
      }
      return nil
    } catch {
      return error
    }
  }

  func finish(beforeRename: () throws(FormatError) -> Void) throws(FormatError) {
    guard let file else { return }
    try zip.finish { (parts) throws(FormatError) in try file.write(parts) }
    try file.sync()
    try beforeRename()
    try file.commit()
    self.file = nil
  }
}

/// Back-pressure between the producer and the queue, and the queue's first failure.
private final class Gate: @unchecked Sendable {
  private let condition = NSCondition()
  private var queuedBytes = 0
  private var firstFailure: FormatError?

  var failure: FormatError? { condition.withLock { firstFailure } }
  var failed: Bool { failure != nil }

  /// Waits until `size` more bytes fit under `limit` (or nothing is queued), or throws the
  /// queue's failure.
  func enter(_ size: Int, limit: Int) throws(FormatError) {
    condition.lock()
    defer { condition.unlock() }
    while firstFailure == nil && queuedBytes > 0 && queuedBytes + size > limit { condition.wait() }
    if let firstFailure { throw firstFailure }
    queuedBytes += size
  }

  func leave(_ size: Int, _ error: FormatError?) {
    condition.withLock {
      queuedBytes -= size
      if firstFailure == nil { firstFailure = error }
      condition.broadcast()
    }
  }
}
