import Foundation
import TestSupport
import XCTest

/// `deltann verify SOURCE relax.json` (a Relax dataflow the helper wrote) on bad input: a document
/// that does not parse, and ops no Relax rule lowers, are typed errors naming the file, exit 2,
/// and no report is written. No Python needed.
final class TVMVerifyCLITests: XCTestCase {
  func verify(_ document: String) throws -> (ProcessResult, URL) {
    let folder = try temporaryFolder()
    let json = folder.appendingPathComponent("relax.json")
    try Data(document.utf8).write(to: json)
    let report = folder.appendingPathComponent("report.json")
    let source = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini/model.keras")
    return (try runDeltaNN(["verify", source.path, json.path, "--json", report.path]), report)
  }

  func test_VerifyCommand_relaxJSONThatDoesNotParseExits2NamingTheFile() throws {
    let (result, report) = try verify("{\"format\": \"deltann.relax-graph/1\", \"bindings\": [{\"name\": ")
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.contains("relax.json") && result.stderr.contains("not a relax-graph JSON document"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: report.path))
  }

  func test_VerifyCommand_relaxOpsWithoutARuleExit2ListingEach() throws {
    let (result, report) = try verify("""
      {"format": "deltann.relax-graph/1", "form": "onnx",
       "inputs": [{"name": "x", "shape": [1, 24, 24, 3], "dtype": "float32"}], "params": [],
       "bindings": [
        {"name": "a", "op": "relax.nn.conv3d", "args": [{"var": "x"}], "attrs": {}, "shape": [1, 24, 24, 3], "dtype": "float32"},
        {"name": "b", "op": "relax.nn.relu", "args": [{"var": "a"}], "attrs": {}, "shape": [1, 24, 24, 3], "dtype": "float32"}],
       "output": "b"}
      """)
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.contains("relax.nn.conv3d") && result.stderr.contains("relax.json"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: report.path))
  }
}
