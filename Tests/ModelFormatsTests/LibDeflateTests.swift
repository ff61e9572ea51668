import CSystemZlib
import Foundation
@testable import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// The zip layer's CRC-32 and deflate (libdeflate) against zlib, the independent truth, and a
/// written .npz whose damage the reader's CRC check must catch.
final class LibDeflateTests: XCTestCase {
  /// zlib's CRC-32 of `bytes` continuing from `crc`.
  static func zlibCRC(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    UInt32(crc32_z(UInt(crc), bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count))
  }

  func test_CRC32_equalsZlibOnAssortedBuffers() {
    var rng = SplitMix(seed: 7)
    let data = (0..<(4096 + 3 + 5)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    data.withUnsafeBytes { all in
      // (start, length): empty, one byte, odd lengths, a page and a bit, unaligned starts.
      for (start, length) in [(0, 0), (0, 1), (0, 7), (0, 4096 + 3), (1, 4096 + 3), (3, 7), (5, 4096 + 3)] {
        let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
        XCTAssertEqual(LibDeflate.crc32(slice), Self.zlibCRC(slice), "start \(start) length \(length)")
        XCTAssertEqual(LibDeflate.crc32(slice, continuing: 0xDEAD_BEEF), Self.zlibCRC(slice, continuing: 0xDEAD_BEEF),
                       "continuing, start \(start) length \(length)")
      }
      // Parts chained equal the whole, and an empty part (no base address) keeps the running CRC.
      let split = LibDeflate.crc32(UnsafeRawBufferPointer(rebasing: all[1000...]),
                                   continuing: LibDeflate.crc32(UnsafeRawBufferPointer(rebasing: all[..<1000])))
      XCTAssertEqual(split, Self.zlibCRC(all))
      XCTAssertEqual(LibDeflate.crc32(UnsafeRawBufferPointer(start: nil, count: 0), continuing: split), split)
    }
  }

  /// zlib's raw inflate of `compressed` into `count` bytes, `nil` unless it ends exactly there.
  static func zlibInflate(_ compressed: UnsafeRawBufferPointer, count: Int) -> [UInt8]? {
    var stream = z_stream()
    let size = Int32(MemoryLayout<z_stream>.size)
    guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, size) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: count + 1)
    let status = out.withUnsafeMutableBytes { o in
      stream.next_in = UnsafeMutablePointer(mutating: compressed.baseAddress?.assumingMemoryBound(to: Bytef.self))
      stream.avail_in = uInt(compressed.count)
      stream.next_out = o.baseAddress?.assumingMemoryBound(to: Bytef.self)
      stream.avail_out = uInt(o.count)
      return CSystemZlib.inflate(&stream, Z_FINISH)
    }
    return status == Z_STREAM_END && Int(stream.total_out) == count ? Array(out.prefix(count)) : nil
  }

  func test_NPZWriter_deflatedMembersInflateWithZlib() throws {
    let directory = try temporaryFolder()
    let ramp = Tensor((0..<5000).map { Float($0 % 97) }, shape: [50, 100])
    let arrays = [(key: "ramp", tensor: ramp),
                  (key: "noise", tensor: NPYRoundTripTests.sample(.float32, [777], seed: 4)),
                  (key: "empty", tensor: NPYRoundTripTests.sample(.int8, [0], seed: 5))]
    let url = directory.appendingPathComponent("z.npz")
    try NPZ.write(arrays, to: url, compression: .deflated)
    let bytes = Array(try Data(contentsOf: url))
    try bytes.withUnsafeBytes { archive in
      let members = try ZipDirectory(archive).members
      XCTAssertEqual(members.map(\.name), arrays.map { $0.key + ".npy" })
      for (member, array) in zip(members, arrays) {
        XCTAssertEqual(member.method, 8, member.name)
        let plain = try XCTUnwrap(Self.zlibInflate(UnsafeRawBufferPointer(rebasing: archive[member.data]),
                                                  count: member.uncompressedSize), member.name)
        let expected = try NPY.header(for: array.tensor, file: "", key: nil) + Array(array.tensor.bytes)
        XCTAssertEqual(plain, expected, member.name)
        XCTAssertEqual(plain.withUnsafeBytes { Self.zlibCRC($0) }, member.crc32, member.name)
      }
    }
    XCTAssertLessThan(bytes.count, 5000 * 4 / 2, "the ramp compresses")
  }

  func test_NPZWriter_writtenArchiveReadsBackAndDamageIsCaught() throws {
    let directory = try temporaryFolder()
    let arrays = [(key: "empty", tensor: NPYRoundTripTests.sample(.float32, [0, 3], seed: 1)),
                  (key: "a/b", tensor: NPYRoundTripTests.sample(.float32, [3, 5, 7], seed: 2)),
                  (key: "c", tensor: NPYRoundTripTests.sample(.int64, [33], seed: 3))]
    let url = directory.appendingPathComponent("acts.npz")
    try NPZ.write(arrays, to: url)
    let back = try NPZ.read(contentsOf: url)
    XCTAssertEqual(back.map(\.key), arrays.map(\.key))
    for (a, b) in zip(arrays, back) { XCTAssertEqual(a.tensor, b.tensor, a.key) }

    // Flip one byte of "a/b"'s data (its last byte, just before "c"'s local header).
    var bytes = Array(try Data(contentsOf: url))
    let nextHeader = try XCTUnwrap(bytes.indices.dropFirst(4).first {
      bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4b && bytes[$0 + 2] == 3 && bytes[$0 + 3] == 4
        && bytes.count > $0 + 34 && bytes[($0 + 30)...].starts(with: Array("c.npy".utf8))
    })
    bytes[nextHeader - 1] ^= 0x01
    let damaged = directory.appendingPathComponent("damaged.npz")
    try Data(bytes).write(to: damaged)
    let npz = try NPZReader(contentsOf: damaged)
    XCTAssertThrowsError(try npz.tensor("a/b")) { error in
      guard case FormatError.npzCorrupt(damaged.path, "a/b.npy", let reason) = error else { return XCTFail("\(error)") }
      XCTAssertTrue(reason.contains("CRC-32"), reason)
    }
    XCTAssertEqual(try npz.tensor("c"), arrays[2].tensor, "other members stay readable")
    XCTAssertEqual(try npz.tensor("empty"), arrays[0].tensor)
  }
}
