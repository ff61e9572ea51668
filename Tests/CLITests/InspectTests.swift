import Foundation
import TestSupport
import XCTest

/// `deltann inspect` on real files and on broken ones.
final class InspectTests: XCTestCase {
  let conv = "/usr/share/libonnx-testdata/data/pytorch-converted/test_Conv2d/model.onnx"

  func test_Inspect_printsAlignedSummary() throws {
    let result = try runDeltaNN(["inspect", conv])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    XCTAssertTrue(lines.contains("checker          valid"), result.stdout)
    XCTAssertTrue(lines.contains { $0.hasPrefix("shape inference  ok") }, result.stdout)
    XCTAssertTrue(lines.contains { $0.hasPrefix("  Conv") && $0.hasSuffix(" 1") }, result.stdout)
  }

  func test_Inspect_jsonIsStableAndDocumentedFieldsArePresent() throws {
    let first = try runDeltaNN(["inspect", conv, "--json"])
    let second = try runDeltaNN(["inspect", conv, "--json"])
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(first.stdout, second.stdout)
    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
    for key in ["schemaVersion", "file", "fileBytes", "irVersion", "producerName", "producerVersion", "opsets",
                "inputs", "outputs", "nodes", "ops", "parameters", "largestTensors", "checker", "shapeInference"] {
      XCTAssertNotNil(object[key], "missing \(key)")
    }
    XCTAssertEqual((object["checker"] as? [String: Any])?["status"] as? String, "valid")
    // Fewer than ten initializers: the largest-tensor list covers them all, so the totals agree.
    let parameters = try XCTUnwrap(object["parameters"] as? [String: Int])
    let largest = try XCTUnwrap(object["largestTensors"] as? [[String: Any]])
    XCTAssertEqual(parameters["bytes"], largest.compactMap { $0["bytes"] as? Int }.reduce(0, +))
  }

  func test_Inspect_badInputExitsTwoNamingTheFile() throws {
    let dir = try temporaryFolder()
    let empty = dir.appendingPathComponent("empty.onnx")
    try Data().write(to: empty)
    let truncated = dir.appendingPathComponent("truncated.onnx")
    try Data(contentsOf: URL(fileURLWithPath: conv)).prefix(100).write(to: truncated)
    let absent = dir.appendingPathComponent("absent.onnx")
    for url in [empty, truncated, absent] {
      let result = try runDeltaNN(["inspect", url.path])
      XCTAssertEqual(result.status, 2, "\(url.lastPathComponent): \(result.stderr)")
      XCTAssertTrue(result.stderr.contains(url.path), result.stderr)
      XCTAssertTrue(result.stdout.isEmpty)
    }
    XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)), ["empty.onnx", "truncated.onnx"])
  }
}
