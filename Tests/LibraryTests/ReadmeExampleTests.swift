import DeltaNN
import Foundation
import TestSupport
import XCTest

/// The README's Swift example is `ReadmeExample.swift`, character for character, and it runs:
/// deltann's own conversion of golden's MobileNet miniature is equivalent to the Keras model
/// and keeps every label Keras recorded.
final class ReadmeExampleTests: XCTestCase {
  static let begin = "// README example begins\n", end = "// README example ends"

  func test_README_swiftExampleIsTheCompiledOne() throws {
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(contentsOf: packageRoot.appendingPathComponent("Tests/LibraryTests/ReadmeExample.swift"), encoding: .utf8)
    let compiled = try XCTUnwrap(Self.between(source, Self.begin, Self.end), "the markers in ReadmeExample.swift")
    let fence = "```swift\n" + compiled.prefix(while: { $0 != "\n" })
    let shown = try XCTUnwrap(readme.range(of: fence).flatMap { Self.between(String(readme[$0.lowerBound...]), "```swift\n", "```") },
                              "README.md has no ```swift block starting with the example's first line")
    XCTAssertEqual(shown, compiled, "README.md's Swift example differs from Tests/LibraryTests/ReadmeExample.swift")
  }

  func test_README_swiftExampleRunsAndFindsTheConversionSound() throws {
    let previous = FileManager.default.currentDirectoryPath
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(packageRoot.path))
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    let (report, outcome) = try checkConversion()
    XCTAssertNotEqual(report.verdict, .notEquivalent)
    XCTAssertEqual(outcome.result.pair.labelDifferenceRate, 0)
    XCTAssertGreaterThan(outcome.result.pair.inputs, 0)
  }

  static func between(_ text: String, _ start: String, _ stop: String) -> String? {
    guard let a = text.range(of: start), let b = text.range(of: stop, range: a.upperBound..<text.endIndex) else { return nil }
    return String(text[a.upperBound..<b.lowerBound])
  }
}
