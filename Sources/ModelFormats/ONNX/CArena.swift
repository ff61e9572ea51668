import CProtobufONNX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns every C allocation made while building protobuf-c messages from Swift values; the
/// messages are packed and then all of it is freed at once (never through `free_unpacked`).
final class CArena {
  private var blocks: [UnsafeMutableRawPointer] = []

  deinit { for b in blocks { free(b) } }

  /// A zeroed message of type `M`, initialised by its generated `*__init` function.
  func message<M>(_ initialize: (UnsafeMutablePointer<M>?) -> Void) -> UnsafeMutablePointer<M> {
    let p = array(M.self, 1)
    initialize(p)
    return p
  }

  /// `count` zeroed elements (at least one allocation, so the pointer is never null).
  func array<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
    guard let raw = calloc(max(count, 1), MemoryLayout<T>.stride) else {
      preconditionFailure("out of memory allocating \(count) × \(T.self)")
    }
    blocks.append(raw)
    return raw.bindMemory(to: T.self, capacity: max(count, 1))
  }

  /// A list of pointers, or `nil` (with count 0) when empty.
  func list<T>(_ items: [UnsafeMutablePointer<T>]) -> UnsafeMutablePointer<UnsafeMutablePointer<T>?>? {
    guard !items.isEmpty else { return nil }
    let p = array(UnsafeMutablePointer<T>?.self, items.count)
    for (i, item) in items.enumerated() { p[i] = item }
    return p
  }

  func values<T>(_ items: [T]) -> UnsafeMutablePointer<T>? {
    guard !items.isEmpty else { return nil }
    let p = array(T.self, items.count)
    for (i, item) in items.enumerated() { p[i] = item }
    return p
  }

  /// A NUL-terminated copy of `s`.
  func string(_ s: String) -> UnsafeMutablePointer<CChar> {
    let utf8 = Array(s.utf8)
    let p = array(CChar.self, utf8.count + 1)
    for (i, b) in utf8.enumerated() { p[i] = CChar(bitPattern: b) }
    return p
  }

  /// An optional proto2 string: `nil` (absent) when empty.
  func optionalString(_ s: String) -> UnsafeMutablePointer<CChar>? { s.isEmpty ? nil : string(s) }

  func strings(_ list: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    guard !list.isEmpty else { return nil }
    let p = array(UnsafeMutablePointer<CChar>?.self, list.count)
    for (i, s) in list.enumerated() { p[i] = string(s) }
    return p
  }

  func binary(_ bytes: [UInt8]) -> ProtobufCBinaryData {
    let p = array(UInt8.self, bytes.count)
    for (i, b) in bytes.enumerated() { p[i] = b }
    return ProtobufCBinaryData(len: bytes.count, data: p)
  }
}
