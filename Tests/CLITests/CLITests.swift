import Foundation
import TestSupport
import XCTest

/// End-to-end tests of the built `deltann` executable.
final class CLITests: XCTestCase {
  func test_CLI_versionPrintsAndExitsZero() throws {
    let result = try runDeltaNN(["--version"])
    XCTAssertEqual(result.status, 0)
    XCTAssertFalse(result.stdout.isEmpty)
  }
}
