import Foundation
import XCTest

/// Compares `text` with the file `Snapshots/<name>` beside the test file `testFile`;
/// `DELTANN_RECORD_SNAPSHOTS=1` rewrites it and fails on purpose, so a recording run is never green.
public func assertSnapshot(_ text: String, named name: String, testFile: StaticString = #filePath,
                           file: StaticString = #filePath, line: UInt = #line) throws {
  let url = URL(fileURLWithPath: "\(testFile)").deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
  if ProcessInfo.processInfo.environment["DELTANN_RECORD_SNAPSHOTS"] == "1" {
    try text.write(to: url, atomically: true, encoding: .utf8)
    return XCTFail("recorded \(name); run again without DELTANN_RECORD_SNAPSHOTS", file: file, line: line)
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  XCTAssertEqual(text, expected, "differs from Snapshots/\(name)", file: file, line: line)
}
