import CDeflate

/// libdeflate behind the NPZ zip layer's checksums: its CRC-32 folds with carry-less multiplies
/// (PCLMULQDQ), several times faster than zlib's `crc32_z`, which was the largest CPU cost of
/// streaming a capture of every layer into an .npz. The only file that imports `CDeflate`.
enum LibDeflate {
  /// CRC-32 (zip's polynomial) of `bytes`, continuing from `crc`; 0 starts a new checksum.
  static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    // libdeflate answers 0 for a null pointer, which would drop `crc` on an empty buffer.
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    return libdeflate_crc32(crc, base, bytes.count)
  }
}
