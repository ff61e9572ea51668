import Foundation

/// A whole file mapped read-only into memory; tensors view its bytes without copying.
///
/// A class because it owns the mapping: it is unmapped when the last tensor viewing it goes away.
final class ReadOnlyMapping: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer

  init(url: URL) throws(FormatError) {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else { throw .unreadable(file: url.path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw .unreadable(file: url.path, reason: String(cString: strerror(errno)))
    }
    let size = Int(info.st_size)
    guard size > 0 else {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
      throw .unreadable(file: url.path, reason: String(cString: strerror(errno)))
    }
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
  }
}
