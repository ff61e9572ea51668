#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A whole file mapped read-only into memory. Tensors view its bytes through
/// `ByteStorage(viewing:owner:)`, which keeps the mapping alive; nothing is copied.
public final class MappedFile: @unchecked Sendable {
  public let url: URL
  public let bytes: UnsafeRawBufferPointer
  private let mapping: UnsafeMutableRawPointer?

  /// Maps `url`. An empty file maps to an empty buffer (`mmap` refuses length 0).
  public init(_ url: URL) throws(FormatError) {
    self.url = url
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else { throw .unreadable(file: url.path, reason: Self.errnoText()) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .unreadable(file: url.path, reason: Self.errnoText()) }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw .unreadable(file: url.path, reason: "not a regular file")
    }
    let size = Int(info.st_size)
    guard size > 0 else {
      mapping = nil
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
      throw .unreadable(file: url.path, reason: "cannot map: \(Self.errnoText())")
    }
    mapping = base
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  deinit {
    if let mapping { munmap(mapping, bytes.count) }
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
