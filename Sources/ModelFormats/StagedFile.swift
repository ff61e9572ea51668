#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file under a temporary name beside its destination; `commit` renames it into
/// place, so readers never see a partial file and a failed write leaves nothing behind.
/// The one atomic file writer of the package: every output file goes through it.
///
/// ```swift
/// try StagedFile.write(Data(json.utf8), to: URL(fileURLWithPath: "report.json"), force: false)
/// ```
public final class StagedFile {
  let destination: URL
  let temporary: URL
  /// Whether `commit` flushes the data to the device before the rename (see `init`).
  let durable: Bool
  private var fd: Int32
  private var committed = false

  /// Refuses an existing destination unless `force`, and a folder always. `durable: false`
  /// skips the `fsync` in `commit`: the rename still happens only after every byte was written,
  /// so a crash of this process never leaves a partial file, but a power loss may lose the file.
  init(_ destination: URL, force: Bool, durable: Bool = true) throws(FormatError) {
    self.destination = destination
    self.durable = durable
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder) {
      guard !isFolder.boolValue else {
        throw .writeFailed(file: destination.path, reason: "it is a folder; refusing to replace it with a file")
      }
      guard force else { throw .outputExists(file: destination.path) }
    }
    let name = ".\(destination.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    temporary = destination.deletingLastPathComponent().appendingPathComponent(name)
    fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw .writeFailed(file: destination.path, reason: String(cString: strerror(errno))) }
  }

  /// Writes `data` to `url` in one go: staged beside it, then renamed into place.
  public static func write(_ data: Data, to url: URL, force: Bool) throws(FormatError) {
    let out = try StagedFile(url, force: force)
    try data.withUnsafeBytes { b in Result { () throws(FormatError) in try out.write(b) } }.get()
    try out.commit()
  }

  /// Appends `bytes`, retrying short writes.
  func write(_ bytes: UnsafeRawBufferPointer) throws(FormatError) { try write([bytes]) }

  /// Appends `parts` in order in one `writev` (a header and the data it describes need not be
  /// copied together, nor cost a system call each), retrying short writes.
  func write(_ parts: [UnsafeRawBufferPointer]) throws(FormatError) {
    var pending = parts.filter { !$0.isEmpty }[...]
    while let first = pending.first {
      let vectors = pending.prefix(1024).map {  // Linux's IOV_MAX
        iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)
      }
      var done = writev(fd, vectors, Int32(vectors.count))
      if done < 0 && errno == EINTR { continue }
      guard done > 0 else { throw .writeFailed(file: destination.path, reason: String(cString: strerror(errno))) }
      var head = first
      while done >= head.count {
        done -= head.count
        pending.removeFirst()
        guard let next = pending.first else { return }
        head = next
      }
      pending[pending.startIndex] = UnsafeRawBufferPointer(rebasing: head[done...])
    }
  }

  /// Lets `body` write to the file descriptor directly (a streaming serializer); `body` returns
  /// 0 or an errno.
  func write(with body: (Int32) -> Int32) throws(FormatError) {
    let error = body(fd)
    guard error == 0 else { throw .writeFailed(file: destination.path, reason: String(cString: strerror(error))) }
  }

  /// Appends `count` zero bytes (padding between external tensors).
  func pad(_ count: Int) throws(FormatError) {
    guard count > 0 else { return }
    let zeros = [UInt8](repeating: 0, count: count)
    try zeros.withBytes { (b) throws(FormatError) in try write(b) }
  }

  /// Flushes (when `durable`), closes and renames the file into place.
  func commit() throws(FormatError) {
    let synced = !durable || fsync(fd) == 0
    close(fd)
    fd = -1
    guard synced, rename(temporary.path, destination.path) == 0 else {
      throw .writeFailed(file: destination.path, reason: String(cString: strerror(errno)))
    }
    committed = true
  }

  deinit {
    if fd >= 0 { close(fd) }
    if !committed { unlink(temporary.path) }
  }
}

extension Array where Element == UInt8 {
  /// `withUnsafeBytes` keeping the body's typed error (the standard one rethrows `any Error`).
  func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(FormatError) -> R) throws(FormatError) -> R {
    try withUnsafeBytes { b in Result { () throws(FormatError) -> R in try body(b) } }.get()
  }
}
