import Foundation
@testable import ModelFormats
import TestSupport
import XCTest

/// StagedFile's gathered writes: more parts than one `writev` takes, empty ones among them,
/// land in order, and only after `commit`; replacing a file (exchanged, then the old one
/// deleted) leaves the new bytes and nothing else, and a symbolic link is replaced, not followed.
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

  func test_StagedFile_forceReplacesTheFileAndLeavesNothingBehind() throws {
    let directory = try temporaryFolder()
    let url = directory.appendingPathComponent("out.npz")
    try Data("old contents, longer than the new".utf8).write(to: url)
    let file = try StagedFile(url, force: true, durable: false)
    try Array("new".utf8).withBytes { (b) throws(FormatError) in try file.write(b) }
    XCTAssertEqual(String(decoding: try Data(contentsOf: url), as: UTF8.self), "old contents, longer than the new",
                   "the old file stays until commit")
    try file.commit()
    XCTAssertEqual(String(decoding: try Data(contentsOf: url), as: UTF8.self), "new")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["out.npz"],
                   "no temporary file is left beside it")
  }

  func test_StagedFile_forceReplacesALinkNotItsTarget() throws {
    let directory = try temporaryFolder()
    let target = directory.appendingPathComponent("target.bin"), link = directory.appendingPathComponent("link.bin")
    try Data("target".utf8).write(to: target)
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    try StagedFile.write(Data("new".utf8), to: link, force: true)
    XCTAssertEqual(String(decoding: try Data(contentsOf: target), as: UTF8.self), "target", "the link's target is untouched")
    XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType, .typeRegular,
                   "the link became a file")
    XCTAssertEqual(String(decoding: try Data(contentsOf: link), as: UTF8.self), "new")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["link.bin", "target.bin"])
  }

  /// A file past 1 MiB gets its blocks reserved 16 MiB ahead of the writes; after `commit` it
  /// holds exactly what was written and no more blocks than its size needs.
  func test_StagedFile_largeFileReleasesItsReservation() throws {
    let url = try temporaryFolder().appendingPathComponent("big.bin")
    let bytes = (0..<(3 << 20) + 12345).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }
    let file = try StagedFile(url, force: false, durable: false)
    try bytes.withBytes { (all) throws(FormatError) in
      for start in stride(from: 0, to: all.count, by: 700_000) {
        try file.write(UnsafeRawBufferPointer(rebasing: all[start..<min(all.count, start + 700_000)]))
      }
    }
    try file.commit()
    XCTAssertEqual(Array(try Data(contentsOf: url)), bytes)
    var info = stat()
    XCTAssertEqual(stat(url.path, &info), 0)
    XCTAssertEqual(Int(info.st_size), bytes.count)
    XCTAssertLessThan(Int(info.st_blocks) * 512, bytes.count + (1 << 20), "the 16 MiB reservation was freed")
  }
}
