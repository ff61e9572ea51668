import Foundation
import TestSupport
import XCTest

/// No file git tracks names a folder of one developer's machine (a home folder or a workspace),
/// which a clone elsewhere does not have. System paths (/usr, /opt, /tmp) are fine.
final class MachinePathTests: XCTestCase {
  /// A path that starts in `work`, `root`, `home` or `Users` under the file system's root (not
  /// such a folder inside a relative path). Spelled in pieces so this file does not match itself.
  static let machinePath = "(?<![A-Za-z0-9_.~-])/(" + ["work", "root", "home", "Users"].joined(separator: "|") + ")/"

  static func machinePaths(in text: String) throws -> [String] {
    let expression = try NSRegularExpression(pattern: machinePath)
    return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
      Range(match.range, in: text).map { String(text[$0]) }
    }
  }

  func test_MachinePaths_findsHomeAndWorkspaceFoldersOnly() throws {
    let home = "/" + "home/ada/venv/bin/python", work = "/" + "work/venv", users = "/" + "Users/ada/x"
    XCTAssertEqual(try Self.machinePaths(in: "run \(home) or \(work); \(users)").count, 3)
    XCTAssertEqual(try Self.machinePaths(in: "/usr/lib/x /opt/swift/bin /tmp/model.pb docs/work/notes sub/home/x .venv/bin/python"), [])
  }

  func test_Repository_tracksNoDeveloperMachinePaths() throws {
    guard let git = executablesOnPath("git").first,
          case let listed = try runProcess(git, ["ls-files", "-z"], directory: packageRoot), listed.status == 0 else {
      FileHandle.standardError.write(Data("SKIPPED: git or a checkout is missing; tracked files were not checked\n".utf8))
      throw XCTSkip("SKIPPED: git or a checkout is missing; tracked files were not checked")
    }
    let files = listed.stdout.split(separator: "\0").map(String.init)
    XCTAssertGreaterThan(files.count, 100, "git ls-files listed too few files")
    var found: [String] = []
    for file in files {
      let data = try Data(contentsOf: packageRoot.appendingPathComponent(file))
      if data.prefix(8000).contains(0) { continue }  // binary, as git judges it
      let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      for (number, line) in lines.enumerated() where try !Self.machinePaths(in: String(line)).isEmpty {
        found.append("\(file):\(number + 1): \(line.prefix(160))")
      }
    }
    XCTAssertEqual(found, [], "machine-specific paths in tracked files:\n" + found.joined(separator: "\n"))
  }
}
