import Foundation
import TestSupport
import XCTest

/// `scripts/check-imports.py`: Package.swift declares exactly what the sources import, and no
/// module imports one above it in the architecture (docs/architecture.md).
final class ImportCheckTests: XCTestCase {
  func test_ImportCheck_thisPackageDeclaresExactlyWhatItsSourcesImport() throws {
    let result = try runRepositoryScript("check-imports.py", [])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
  }

  func test_ImportCheck_acceptsAFakePackageThatFollowsTheRules() throws {
    let result = try check(Self.wellFormed)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertEqual(result.stdout, "imports match Package.swift and the layering in 4 Swift targets\n")
  }

  func test_ImportCheck_failsOnAnUndeclaredImport() throws {
    var targets = Self.wellFormed
    targets[3].source = "import ModelFormats\nimport ModelGraph\nimport Verify\n"
    let result = try check(targets)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertEqual(result.stdout, "Sources/Diff/Diff.swift:3: Diff imports Verify, which Package.swift does not declare for it\n")
  }

  func test_ImportCheck_failsOnAnImportFromAboveInTheLayering() throws {
    var targets = Self.wellFormed
    targets[1].dependencies.append("Verify")
    targets[1].source += "@testable import Verify\n"
    let result = try check(targets)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertEqual(result.stdout, "Sources/ModelFormats/ModelFormats.swift:2: ModelFormats (ModelFormats) imports Verify (Stages), "
                     + "which is above it in the architecture\n")
  }

  func test_ImportCheck_failsOnADeclarationNoSourceUses() throws {
    var targets = Self.wellFormed
    targets[2].dependencies.append("ModelFormats")
    let result = try check(targets)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertEqual(result.stdout, "Package.swift: Verify declares ModelFormats, which none of its sources imports\n")
  }

  func test_ImportCheck_failsOnAModuleOutsideTheLayering() throws {
    let result = try check(Self.wellFormed + [FakeTarget(name: "Gadget", dependencies: [], source: "import Foundation\n")])
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertEqual(result.stdout, "Gadget: not placed in the architecture; add it to LAYERS in scripts/architecture.py\n")
  }

  /// One Swift target of a fake package: a single source file `Sources/<name>/<name>.swift`.
  struct FakeTarget {
    var name: String
    var dependencies: [String]
    var source: String
  }

  /// Four targets that follow every rule. Verify's source holds an import inside a string
  /// literal and one in a comment, which are not imports.
  static let wellFormed = [
    FakeTarget(name: "ModelGraph", dependencies: [], source: "import Foundation\n"),
    FakeTarget(name: "ModelFormats", dependencies: ["ModelGraph"], source: "import ModelGraph\n"),
    FakeTarget(name: "Verify", dependencies: ["ModelGraph"], source: """
      import ModelGraph
      // import Diff
      let python = \"""
        import numpy
        \"""
      /*
      import Pipeline
      */

      """),
    FakeTarget(name: "Diff", dependencies: ["ModelGraph", "ModelFormats"],
               source: "#if canImport(Glibc)\nimport Glibc\n#endif\nimport ModelFormats\nimport ModelGraph\n"),
  ]

  /// Writes `targets` as a package tree with a saved dump-package manifest and runs the check on it.
  func check(_ targets: [FakeTarget]) throws -> ProcessResult {
    let root = try temporaryFolder()
    for target in targets {
      let folder = root.appendingPathComponent("Sources/\(target.name)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(target.source.utf8).write(to: folder.appendingPathComponent("\(target.name).swift"))
    }
    let manifest: [String: Any] = ["targets": targets.map { target in
      ["name": target.name, "type": "regular", "exclude": [String](),
       "dependencies": target.dependencies.map { ["byName": [$0, NSNull()]] }] as [String: Any]
    }]
    let json = root.appendingPathComponent("manifest.json")
    try JSONSerialization.data(withJSONObject: manifest).write(to: json)
    return try runRepositoryScript("check-imports.py", ["--package-root", root.path, "--manifest-json", json.path])
  }
}
