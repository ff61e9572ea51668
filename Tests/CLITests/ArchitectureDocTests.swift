import Foundation
import TestSupport
import XCTest

/// docs/architecture.md's target graph is the one `scripts/module-graph.py` draws from Package.swift.
final class ArchitectureDocTests: XCTestCase {
  let doc = packageRoot.appendingPathComponent("docs/architecture.md")

  func test_ArchitectureDoc_pictureMatchesPackageSwift() throws {
    let result = try runRepositoryScript("module-graph.py", ["--check", doc.path])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
  }

  func test_ArchitectureDoc_staleCopyIsCaught() throws {
    let text = try String(contentsOf: doc, encoding: .utf8)
    let edge = "  DeltaNNCLI --> DeltaNN\n"
    XCTAssertTrue(text.contains(edge), "the picture should show the CLI using the DeltaNN library")
    let stale = try temporaryFolder().appendingPathComponent("architecture.md")
    try Data(text.replacingOccurrences(of: edge, with: "").utf8).write(to: stale)
    let result = try runRepositoryScript("module-graph.py", ["--check", stale.path])
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertTrue(result.stderr.contains("the module graph is stale"), result.stderr)
  }
}
