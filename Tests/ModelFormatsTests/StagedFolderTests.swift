import Foundation
import ModelFormats
import TestSupport
import XCTest

/// StagedFolder replaces a folder in one step and clears what killed writers left beside it.
final class StagedFolderTests: XCTestCase {
  func test_StagedFolder_replacesAnEarlierFolderWholeAndLeavesNothingBesideIt() throws {
    let dir = try temporaryFolder(), folder = dir.appendingPathComponent("R")
    try StagedFolder.write([("a.txt", Data("first".utf8)), ("b.txt", Data("one".utf8))], to: folder, force: false)
    XCTAssertThrowsError(try StagedFolder.write([("a.txt", Data("x".utf8))], to: folder, force: false), "no force, no replacing")
    try StagedFolder.write([("a.txt", Data("second".utf8))], to: folder, force: true)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["R"])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["a.txt"], "the earlier folder's files went with it")
    XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8), "second")
  }

  func test_StagedFolder_removesLeftoversOfFinishedWritersOnly() throws {
    let dir = try temporaryFolder(), folder = dir.appendingPathComponent("R")
    // A process that has ended: its pid names leftovers a SIGKILL would leave.
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let dead = ended.processIdentifier
    let leftovers = [".R.partial-\(dead)-12", ".R.old-\(dead)-34"]
    // pid 1 runs for as long as the machine does: its staging folder is another writer's, in use.
    let live = ".R.partial-1-56"
    for name in leftovers + [live] {
      try FileManager.default.createDirectory(at: dir.appendingPathComponent(name).appendingPathComponent("x"),
                                              withIntermediateDirectories: true)
    }
    try StagedFolder.write([("a.txt", Data("new".utf8))], to: folder, force: true)
    XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)), ["R", live])
  }
}
