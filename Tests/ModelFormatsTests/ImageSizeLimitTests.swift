import CSystemZlib
import Foundation
import ModelFormats
import XCTest

/// Image headers claiming absurd sizes are refused before pixels are allocated.
final class ImageSizeLimitTests: XCTestCase {
  private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/image")

  /// The astronaut PNG with its IHDR size replaced (and the chunk's CRC recomputed by zlib).
  private func png(width: UInt32, height: UInt32) throws -> Data {
    var bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("astronaut.png")))
    XCTAssertEqual(Array(bytes[12..<16]), Array("IHDR".utf8))
    for (offset, value) in [(16, width), (20, height)] {
      for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
    }
    let crc = UInt32(bytes[12..<29].withUnsafeBufferPointer { crc32(0, $0.baseAddress, 17) })
    for k in 0..<4 { bytes[29 + k] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * k)) }
    return Data(bytes)
  }

  /// The astronaut JPEG with its start-of-frame size replaced.
  private func jpeg(width: UInt16, height: UInt16) throws -> Data {
    var bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("astronaut.jpg")))
    guard let sof = bytes.indices.dropLast().first(where: { bytes[$0] == 0xFF && [0xC0, 0xC1, 0xC2].contains(bytes[$0 + 1]) }) else {
      throw XCTSkip("no SOF marker")
    }
    // Marker, length (2), precision (1), height (2), width (2).
    bytes[sof + 5] = UInt8(height >> 8); bytes[sof + 6] = UInt8(height & 0xFF)
    bytes[sof + 7] = UInt8(width >> 8); bytes[sof + 8] = UInt8(width & 0xFF)
    return Data(bytes)
  }

  private func assertRefused(_ data: Data, _ name: String, mentions: String, line: UInt = #line) {
    XCTAssertThrowsError(try ImageFile.decode(data, file: name), name, line: line) { error in
      guard case FormatError.image(let file, let problem) = error else { return XCTFail("\(error)", line: line) }
      XCTAssertEqual(file, name, line: line)
      XCTAssertTrue(problem.contains(mentions), problem, line: line)
    }
  }

  func test_ImageFile_pngClaiming100000SquaredPixelsIsRefused() throws {
    assertRefused(try png(width: 100_000, height: 100_000), "huge.png", mentions: "100000 × 100000")
  }

  func test_ImageFile_absurdAspectRatiosAreRefused() throws {
    assertRefused(try jpeg(width: 16, height: 65500), "tall.jpg", mentions: "16 × 65500")
    assertRefused(try png(width: 65500, height: 16), "wide.png", mentions: "65500 × 16")
  }

  func test_ImageFile_sizeLimitsAcceptOrdinaryPhotographs() throws {
    XCTAssertEqual(SizeLimits.imagePixels, 1 << 28)
    // The unmodified fixtures still decode (their sizes are the ones the header states).
    let image = try ImageFile.decode(try png(width: 16, height: 12), file: "same.png")
    XCTAssertEqual([image.width, image.height], [16, 12])
  }
}
