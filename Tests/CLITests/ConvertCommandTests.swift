import Foundation
import TestSupport
import XCTest

/// `deltann convert` end to end: output written atomically, never over an existing file without
/// --force, typed errors with no partial output.
final class ConvertCommandTests: XCTestCase {
  let fixtures = packageRoot.appendingPathComponent("Tests/ImportersTests/Fixtures")
  var folder: URL!

  override func setUpWithError() throws {
    folder = try temporaryFolder()
  }

  func test_Convert_writesCheckedONNXAndASummary() throws {
    let out = folder.appendingPathComponent("tiny.onnx").path
    let result = try runDeltaNN(["convert", fixtures.appendingPathComponent("tiny.keras").path, "--to", "onnx", "-o", out])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    XCTAssertTrue(result.stdout.contains("9 layers") && result.stdout.contains("checker: valid"), result.stdout)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["tiny.onnx"], "no temporary files left")
  }

  func test_Convert_refusesToOverwriteWithoutForce() throws {
    let out = folder.appendingPathComponent("tiny.onnx")
    try Data("keep me".utf8).write(to: out)
    let result = try runDeltaNN(["convert", fixtures.appendingPathComponent("tiny.h5").path, "--to", "onnx", "-o", out.path])
    XCTAssertNotEqual(result.status, 0)
    XCTAssertTrue(result.stderr.contains("--force"), result.stderr)
    XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "keep me")
    let forced = try runDeltaNN(["convert", fixtures.appendingPathComponent("tiny.h5").path, "--to", "onnx", "-o", out.path, "--force"])
    XCTAssertEqual(forced.status, 0, forced.stderr)
  }

  func test_Convert_badInputIsATypedErrorWithNoOutput() throws {
    let out = folder.appendingPathComponent("bad.onnx").path
    let result = try runDeltaNN(["convert", fixtures.appendingPathComponent("missing_layer.keras").path, "--to", "onnx", "-o", out])
    XCTAssertNotEqual(result.status, 0)
    XCTAssertTrue(result.stderr.contains("'c1'") && result.stderr.contains("missing_layer.keras"), result.stderr)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
  }
}
