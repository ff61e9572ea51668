#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ceilings on sizes read from files, checked before anything is allocated: a header may
/// claim any size, and an allocation that cannot succeed is a crash, not an error.
public enum SizeLimits {
  /// The machine's physical memory in bytes: no single tensor read or computed may exceed it.
  public static let memoryBytes: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, size > 0 else { return Int.max }
    return pages.multipliedReportingOverflow(by: size).overflow ? Int.max : pages * size
  }()

  /// The most bytes one compressed byte can decode to: deflate's largest expansion (a 258-byte
  /// match in each 2 bits, about 1032:1). Compressed zip members and filtered HDF5 datasets may
  /// claim no more than this times what the file stores for them.
  public static let compressionRatio = 1032

  /// The most bytes `stored` bytes of a file can hold once decoded: themselves, or
  /// `compressionRatio` times as many when compressed (saturating at `Int.max`).
  public static func decodedBytes(fromStored stored: Int, compressed: Bool) -> Int {
    let (bytes, overflow) = stored.multipliedReportingOverflow(by: compressed ? compressionRatio : 1)
    return overflow ? Int.max : bytes
  }

  /// Pixels a decoded image may have: 2^28 (16384 × 16384), 768 MiB as 8-bit RGB and 3 GiB as
  /// float32 RGB; far above any image-model input.
  public static let imagePixels = 1 << 28

  /// The largest ratio of an image's long side to its short side (16 × 65500 is refused):
  /// image models take roughly square inputs, and such headers are corrupt or hostile.
  public static let imageAspectRatio = 64
}
