#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFileSystem
import Foundation

/// Writes a file beside its destination and renames it into place on `commit`, so readers never
/// see a partial file and a failed write leaves nothing behind. On Linux the file is written
/// unnamed (`O_TMPFILE`) and only given its temporary name once complete: a process killed
/// while writing (SIGKILL, the OOM killer) leaves nothing either.
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

  /// Refuses an existing destination unless `force`, and a folder always. The file is written
  /// in `stagingFolder` (default: the destination's folder; it must be on the same file system)
  /// and only needs the destination's folder to exist at `commit`. `durable: false` skips the
  /// `fsync` in `commit`: the file is still linked and renamed only after every byte was
  /// written, so a crash of this process never leaves a partial file, but a power loss may lose it.
  public init(_ destination: URL, force: Bool, stagingFolder: URL? = nil, durable: Bool = true) throws(FormatError) {
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
    let folder = stagingFolder ?? destination.deletingLastPathComponent()
    temporary = folder.appendingPathComponent(name)
    fd = Self.openUnnamed(in: folder)
    unnamed = fd >= 0
    if !unnamed { fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
    guard fd >= 0 else { throw .writeFailed(file: destination.path, reason: String(cString: strerror(errno))) }
  }

  /// Whether the file is still unnamed until `commit` links it (`O_TMPFILE`).
  private let unnamed: Bool

  /// An unnamed file in `folder`, or -1 where the system or file system has none (then the
  /// file is created under its temporary name).
  private static func openUnnamed(in folder: URL) -> Int32 {
    #if os(Linux)
    let tmpfile: Int32 = 0o20000000 | O_DIRECTORY  // O_TMPFILE, which Glibc's module does not export
    return open(folder.path, tmpfile | O_WRONLY, 0o644)
    #else
    return -1
    #endif
  }

  /// Writes `data` to `url` in one go: staged beside it, then renamed into place.
  public static func write(_ data: Data, to url: URL, force: Bool) throws(FormatError) {
    let out = try StagedFile(url, force: force)
    try out.write(data)
    try out.commit()
  }

  /// Appends `data`.
  public func write(_ data: Data) throws(FormatError) {
    try data.withUnsafeBytes { b in Result { () throws(FormatError) in try write(b) } }.get()
  }

  /// Appends `bytes`, retrying short writes.
  func write(_ bytes: UnsafeRawBufferPointer) throws(FormatError) { try write([bytes]) }

  /// Appends `parts` in order in one `writev` (a header and the data it describes need not be
  /// copied together, nor cost a system call each), retrying short writes.
  func write(_ parts: [UnsafeRawBufferPointer]) throws(FormatError) {
    reserve(parts.reduce(0) { $0 + $1.count })
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

  /// The end of the blocks reserved ahead of the writes, or nil once the file system refused.
  private var reservedEnd: Int? = 0
  /// Files reach the file system in reservations of at least this many bytes.
  static let reservation = 16 << 20

  /// Once the file grows past 1 MiB, allocates its blocks ahead of the writes, 16 MiB (or the
  /// write) at a time: ext4 then skips its per-page delayed allocation, which made writing a
  /// 67 MiB capture take 17 ms instead of 12. `commit` frees what was not written. Only an
  /// optimisation: where the file system cannot, nothing is reserved, and a full disk still
  /// shows as a failed write.
  private func reserve(_ count: Int) {
    guard let end = reservedEnd else { return }
    let offset = Int(lseek(fd, 0, SEEK_CUR))
    guard offset >= 0, offset + count > end, offset + count >= 1 << 20 else { return }
    let start = max(end, offset), length = max(Self.reservation, offset + count - start)
    reservedEnd = deltann_reserve_blocks(fd, Int64(start), Int64(length)) == 0 ? start + length : nil
  }

  /// Frees the reserved blocks past the end of what was written (truncating to the same size).
  private func releaseReservation() throws(FormatError) {
    guard let end = reservedEnd, end > 0 else { return }
    reservedEnd = nil
    let size = lseek(fd, 0, SEEK_END)
    guard size >= 0, ftruncate(fd, size) == 0 else {
      throw .writeFailed(file: destination.path, reason: String(cString: strerror(errno)))
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

  /// Flushes the data to the device now (when `durable`), so that `commit` only names the
  /// file: files committed together then have the fewest steps between their renames.
  public func sync() throws(FormatError) {
    guard durable, !synced else { return }
    try releaseReservation()
    guard fsync(fd) == 0 else { throw .writeFailed(file: destination.path, reason: String(cString: strerror(errno))) }
    synced = true
  }

  private var synced = false

  /// Flushes (when `durable` and not yet synced), closes and renames the file into place.
  ///
  /// An existing destination (`force`) is exchanged with the new file in one step and then
  /// deleted, rather than renamed over: on ext4, a rename over an existing file first allocates
  /// and starts writing back every block of the new one (`auto_da_alloc`), which cost 60–90 ms
  /// for a 67 MiB capture, against 4 ms for the exchange and the deletion. Readers see the old
  /// file or the new one either way; where the system cannot exchange (or nothing is there),
  /// the file is renamed.
  public func commit() throws(FormatError) {
    try releaseReservation()
    let synced = !durable || self.synced || fsync(fd) == 0
    let named = synced && (!unnamed || linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temporary.path, AT_SYMLINK_FOLLOW) == 0)
    let failure = errno
    close(fd)
    fd = -1
    guard named else { throw .writeFailed(file: destination.path, reason: String(cString: strerror(failure))) }
    var existing = stat()
    let replacesFile = lstat(destination.path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG
    if replacesFile && deltann_rename_exchange(temporary.path, destination.path) == 0 {
      // The previous file now has the temporary name.
      unlink(temporary.path)
    } else {
      guard rename(temporary.path, destination.path) == 0 else {
        throw .writeFailed(file: destination.path, reason: String(cString: strerror(errno)))
      }
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
