#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MappedFile {
  /// Drops the resident pages wholly inside `range` of a read-only file mapping
  /// (`MADV_DONTNEED`): the memory goes back to the system and a later read faults the
  /// unchanged bytes in from the file again. Never use it on anonymous (heap) memory.
  static let releasePages: @Sendable (UnsafeRawBufferPointer) -> Void = { range in
    guard let base = range.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (Int(bitPattern: base) + page - 1) / page * page
    let end = (Int(bitPattern: base) + range.count) / page * page
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    madvise(pointer, end - start, MADV_DONTNEED)
  }
}
