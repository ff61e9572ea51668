import Foundation
import Importers
import TestSupport
import XCTest

/// Every input a fuzz harness crashed on (`Fuzz/crashes/<reader>/`, kept as regression inputs)
/// now gives a typed error naming the file; none is skipped.
final class FuzzCrashTests: XCTestCase {
  func crashes(_ reader: String) throws -> [URL] {
    let folder = packageRoot.appendingPathComponent("Fuzz/crashes/\(reader)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix("crash-") || $0.hasPrefix("timeout-") || $0.hasPrefix("oom-") }.sorted()
      .map { folder.appendingPathComponent($0) }
  }

  /// Copies `input` to a file with the extension the importer expects and imports it.
  func assertTypedError(_ input: URL, as ext: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = try temporaryFolder().appendingPathComponent("input.\(ext)")
    try FileManager.default.copyItem(at: input, to: url)
    XCTAssertThrowsError(try Importers.importModel(at: url), input.lastPathComponent, file: file, line: line) { error in
      XCTAssertNotNil(error as? ImportError, "\(error)", file: file, line: line)
      XCTAssertTrue("\(error)".contains(url.path), "\(input.lastPathComponent): \(error)", file: file, line: line)
    }
  }

  func test_FuzzCrashes_kerasArchivesAreTypedErrors() throws {
    let inputs = try crashes("keras")
    XCTAssertFalse(inputs.isEmpty, "the H5HG_read crash of the keras harness is kept in Fuzz/crashes/keras")
    for input in inputs { try assertTypedError(input, as: "keras") }
  }

  func test_FuzzCrashes_legacyH5FilesAreTypedErrors() throws {
    for input in try crashes("h5") { try assertTypedError(input, as: "h5") }
  }

  func test_FuzzCrashes_pt2ArchivesAreTypedErrors() throws {
    for input in try crashes("pt2") { try assertTypedError(input, as: "pt2") }
  }
}
