import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import Verify
import XCTest

/// `deltann verify` exit codes and outputs on models written to a temporary folder.
final class VerifyCLITests: XCTestCase {
  func test_VerifyCLI_exitCodesFollowTheVerdict() throws {
    let folder = try temporaryFolder()
    let kernel = Tensor(GraphBuilder.values(4 * 3 * 3 * 3, seed: 1), shape: [4, 3, 3, 3])
    func write(_ name: String, strides: [Int64]) throws -> String {
      var b = GraphBuilder(input: [1, 3, 8, 8])
      b.conv("conv", w: kernel, strides: strides)
      let url = folder.appendingPathComponent(name)
      try ONNXFile.write(b.finish(), to: url)
      return url.path
    }
    let a = try write("a.onnx", strides: [1, 1]), b = try write("b.onnx", strides: [2, 2])
    let same = try runDeltaNN(["verify", a, a])
    XCTAssertEqual(same.status, 0, same.stderr)
    XCTAssertTrue(same.stdout.hasPrefix("verdict: equivalent"), same.stdout)
    let json = folder.appendingPathComponent("report.json").path
    let map = folder.appendingPathComponent("map.json").path
    let different = try runDeltaNN(["verify", a, b, "--json", json, "--map", map])
    XCTAssertEqual(different.status, 1, different.stderr)
    XCTAssertTrue(different.stdout.contains("strides [2, 2] instead of [1, 1]"), different.stdout)
    XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("map.txt").path))
    let report = try JSONDecoder().decode(VerifyReport.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
    XCTAssertEqual(report.verdict, .notEquivalent)
    let again = try runDeltaNN(["verify", a, b, "--json", json])
    XCTAssertEqual(again.status, 2, "refuses to overwrite without --force")
    let missing = try runDeltaNN(["verify", folder.appendingPathComponent("nope.onnx").path, a])
    XCTAssertEqual(missing.status, 2)
    XCTAssertFalse(missing.stderr.isEmpty)
  }
}
