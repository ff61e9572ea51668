import Foundation
@testable import ModelFormats
import TestSupport
import XCTest

/// StagedFile's gathered writes: more parts than one `writev` takes, empty ones among them,
/// land in order, and only after `commit`.
final class StagedFileTests: XCTestCase {
  func test_StagedFile_gatheredWritesKeepOrder() throws {
    let directory = try temporaryFolder()
    let url = directory.appendingPathComponent("out.bin")
    // 3000 parts of 0...6 bytes (every seventh empty), then one of 1 MiB, cut from one buffer.
    let lengths = (0..<3000).map { $0 % 7 } + [1 << 20]
    let bytes = (0..<lengths.reduce(0, +)).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }
    let file = try StagedFile(url, force: false)
    try bytes.withBytes { (all) throws(FormatError) in
      var parts: [UnsafeRawBufferPointer] = [UnsafeRawBufferPointer(start: nil, count: 0)]
      var at = 0
      for n in lengths {
        parts.append(UnsafeRawBufferPointer(rebasing: all[at..<(at + n)]))
        at += n
      }
      try file.write(parts)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "nothing at the destination before commit")
    try file.commit()
    XCTAssertEqual(Array(try Data(contentsOf: url)), bytes)
  }
}
