import CSystemZlib
import Foundation

/// The system zlib behind the NPZ zip layer's raw deflate/inflate (its CRC-32 is
/// `LibDeflate.crc32`). The only file that imports `CSystemZlib`.
enum Zlib {
  /// Raw deflate (no zlib header, as zip stores it) of `parts` concatenated, at zlib's default
  /// level like `np.savez_compressed`. `nil` when zlib fails (out of memory).
  static func deflate(_ parts: [UnsafeRawBufferPointer]) -> [UInt8]? {
    var stream = z_stream()
    guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                        ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { deflateEnd(&stream) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 18)
    for (index, part) in parts.enumerated() {
      var at = 0
      let last = index == parts.count - 1
      repeat {
        let n = min(part.count - at, 1 << 30)
        stream.next_in = UnsafeMutablePointer(mutating: part.baseAddress.map { $0.assumingMemoryBound(to: Bytef.self) + at })
        stream.avail_in = uInt(n)
        at += n
        let flush = last && at == part.count ? Z_FINISH : Z_NO_FLUSH
        var status: Int32 = Z_OK
        repeat {
          status = chunk.withUnsafeMutableBufferPointer { buffer in
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(buffer.count)
            let status = CSystemZlib.deflate(&stream, flush)
            out.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
            return status
          }
          guard status != Z_STREAM_ERROR else { return nil }
        } while stream.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
      } while at < part.count
    }
    return out
  }

  /// Inflates raw deflate `source` into exactly `destination.count` bytes; `nil` on success,
  /// else what went wrong.
  static func inflate(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> String? {
    var stream = z_stream()
    guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      return "zlib could not start inflating"
    }
    defer { inflateEnd(&stream) }
    var (read, written) = (0, 0)
    while true {
      let inCount = min(source.count - read, 1 << 30), outCount = min(destination.count - written, 1 << 30)
      stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0.assumingMemoryBound(to: Bytef.self) + read })
      stream.avail_in = uInt(inCount)
      stream.next_out = destination.baseAddress.map { $0.assumingMemoryBound(to: Bytef.self) + written }
      stream.avail_out = uInt(outCount)
      let status = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
      let consumed = inCount - Int(stream.avail_in), produced = outCount - Int(stream.avail_out)
      read += consumed
      written += produced
      if status == Z_STREAM_END {
        return written == destination.count ? nil
          : "inflates to \(written) bytes, the zip directory says \(destination.count)"
      }
      guard status == Z_OK || status == Z_BUF_ERROR else {
        return "invalid deflate data" + (stream.msg.map { " (\(String(cString: $0)))" } ?? "")
      }
      if consumed == 0 && produced == 0 {  // stuck: out of input or out of room
        return written == destination.count
          ? "inflates to more than the \(destination.count) bytes the zip directory says"
          : "the compressed data ends early"
      }
    }
  }
}
