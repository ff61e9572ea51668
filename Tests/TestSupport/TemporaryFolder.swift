import Foundation
import XCTest

extension XCTestCase {
  /// A new, empty folder under the system's temporary directory, removed when the test ends
  /// (also when called from `setUp`).
  public func temporaryFolder() throws -> URL {
    let url = try makeTemporaryFolder()
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }
}

/// A new, empty folder under the system's temporary directory, named `<prefix>-<UUID>`; the caller
/// removes it. Tests use `XCTestCase.temporaryFolder()`, which removes it for them.
public func makeTemporaryFolder(prefix: String = "deltann") throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
