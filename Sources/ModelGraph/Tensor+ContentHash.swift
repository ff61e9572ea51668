/// A stable 64-bit FNV-1a hash of a tensor's dtype, shape and bytes, for matching weights
/// across files and runs (Swift's `Hasher` is seeded per process, so it cannot be used).
extension Tensor {
  public var contentHash: UInt64 {
    var h = FNV1a()
    h.combine(UInt64(UInt32(bitPattern: dtype.rawValue)))
    for d in shape { h.combine(UInt64(bitPattern: Int64(d))) }
    h.combine(bytes)
    for s in strings { h.combine(UInt64(s.count)); s.withUnsafeBytes { h.combine($0) } }
    return h.value
  }
}

/// 64-bit FNV-1a.
public struct FNV1a: Sendable {
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
    for b in bytes {
      value ^= UInt64(b)
      value = value &* 0x0000_0100_0000_01b3
    }
  }

  public mutating func combine(_ word: UInt64) {
    withUnsafeBytes(of: word.littleEndian) { combine($0) }
  }
}
