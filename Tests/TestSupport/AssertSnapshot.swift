import Foundation
import XCTest

/// Asserts `text` equals the snapshot file `Snapshots/<name>` beside the calling test file.
/// With `DELTANN_RECORD_SNAPSHOTS=1` it rewrites the file instead and fails on purpose, so a
/// recording run never passes.
public func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
  let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
  if ProcessInfo.processInfo.environment["DELTANN_RECORD_SNAPSHOTS"] == "1" {
    try Data(text.utf8).write(to: url, options: .atomic)
    return XCTFail("recorded \(name); run again without DELTANN_RECORD_SNAPSHOTS", file: file, line: line)
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  XCTAssertEqual(text, expected, "snapshot Snapshots/\(name) differs", file: file, line: line)
}
