import CDeflate

/// libdeflate behind the NPZ zip layer: CRC-32 folded with carry-less multiplies (PCLMULQDQ),
/// several times faster than zlib's `crc32_z`, which was the largest CPU cost of streaming a
/// capture of every layer into an .npz; and whole-buffer raw deflate/inflate, about 3× and 2×
/// faster than zlib's at the same level and ratio. The only file that imports `CDeflate`.
enum LibDeflate {
  /// CRC-32 (zip's polynomial) of `bytes`, continuing from `crc`; 0 starts a new checksum.
  static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    // libdeflate answers 0 for a null pointer, which would drop `crc` on an empty buffer.
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    return libdeflate_crc32(crc, base, bytes.count)
  }

  /// Raw deflate (no zlib header, as zip stores it) of `parts` concatenated, at level 6 (zlib's
  /// default, which `np.savez_compressed` uses). `nil` when libdeflate cannot allocate.
  static func deflate(_ parts: [UnsafeRawBufferPointer]) -> [UInt8]? {
    guard let compressor = libdeflate_alloc_compressor(6) else { return nil }
    defer { libdeflate_free_compressor(compressor) }
    var input: [UInt8] = []  // libdeflate compresses one contiguous buffer
    input.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for part in parts { input += part }
    var output = [UInt8](repeating: 0, count: libdeflate_deflate_compress_bound(compressor, input.count))
    let count = input.withUnsafeBytes { source in
      output.withUnsafeMutableBytes { out in
        libdeflate_deflate_compress(compressor, source.baseAddress, source.count, out.baseAddress, out.count)
      }
    }
    guard count > 0 else { return nil }
    output.removeLast(output.count - count)
    return output
  }

  /// Inflates raw deflate `source` into exactly `destination.count` bytes; `nil` on success,
  /// else what went wrong.
  static func inflate(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> String? {
    guard let decompressor = libdeflate_alloc_decompressor() else { return "libdeflate could not allocate" }
    defer { libdeflate_free_decompressor(decompressor) }
    var produced = 0
    switch libdeflate_deflate_decompress(decompressor, source.baseAddress, source.count,
                                         destination.baseAddress, destination.count, &produced) {
    case LIBDEFLATE_SUCCESS:
      return produced == destination.count ? nil
        : "inflates to \(produced) bytes, the zip directory says \(destination.count)"
    case LIBDEFLATE_INSUFFICIENT_SPACE:
      return "inflates to more than the \(destination.count) bytes the zip directory says"
    default:
      return "invalid or truncated deflate data"
    }
  }
}
