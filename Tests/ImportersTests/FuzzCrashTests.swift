import Foundation
import Importers
import TestSupport
import XCTest

/// Every input a fuzz harness crashed on (`Fuzz/crashes/<reader>/`, kept as regression inputs)
/// now gives a typed error naming the file; none is skipped. All are read in this long-lived
/// test process: libhdf5 reads HDF5 files only in a child process, which sends back what it
/// read, so a file that corrupts libhdf5's heap silently (the child exits before any check
/// notices) cannot abort this process later.
final class FuzzCrashTests: XCTestCase {
  func crashes(_ reader: String) throws -> [URL] {
    let folder = packageRoot.appendingPathComponent("Fuzz/crashes/\(reader)")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
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
    let inputs = try crashes("h5")
    XCTAssertFalse(inputs.isEmpty, "the libhdf5 crashes of the h5 harness are kept in Fuzz/crashes/h5")
    for input in inputs { try assertTypedError(input, as: "h5") }
  }

  /// The libhdf5 crashes read over and over from 8 threads at once, between allocations of
  /// many sizes: the heap state under which a child once survived a heap-corrupting file.
  func test_FuzzCrashes_legacyH5FilesAreTypedErrorsFromManyThreads() throws {
    let folder = try temporaryFolder()
    let inputs = try crashes("h5").filter { $0.lastPathComponent.hasPrefix("crash-") }.enumerated().map { i, input in
      let url = folder.appendingPathComponent("\(i).h5")
      try FileManager.default.copyItem(at: input, to: url)
      return url
    }
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      for round in 0..<6 {
        for url in inputs where (round + worker) % 2 == 0 {
          var churn: [[UInt8]] = []
          for size in stride(from: 16 + worker * 8, to: 1 << 18, by: 1031 * (worker + 1)) { churn.append([UInt8](repeating: 1, count: size)) }
          do {
            _ = try Importers.importModel(at: url)
            XCTFail("\(url.lastPathComponent) imported")
          } catch {
            XCTAssertTrue(error is ImportError && "\(error)".contains(url.path), "\(error)")
          }
          XCTAssertFalse(churn.isEmpty)
        }
      }
    }
  }

  func test_FuzzCrashes_pt2ArchivesAreTypedErrors() throws {
    for input in try crashes("pt2") { try assertTypedError(input, as: "pt2") }
  }
}
