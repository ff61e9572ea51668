import Foundation
import TestSupport
import XCTest

/// `--max-memory` on the capture-all commands: beyond it the run stops with exit 2 and a typed
/// message naming the model and the limit, and writes nothing; within it the same run succeeds.
final class MemoryLimitTests: XCTestCase {
  let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
  var peer: String { golden.appendingPathComponent("tf2onnx.onnx").path }
  var inputs: String { golden.appendingPathComponent("inputs.npz").path }

  func test_Run_captureAllBeyondTheLimitStopsAndWritesNothing() throws {
    let out = try temporaryFolder().appendingPathComponent("acts.npz")
    let small = try runDeltaNN(["run", peer, "--inputs", inputs, "--capture", "all", "--out", out.path, "--max-memory", "30K"])
    XCTAssertEqual(small.status, 2, small.stderr)
    XCTAssertTrue(small.stderr.contains("--max-memory") && small.stderr.contains(peer), small.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    let ample = try runDeltaNN(["run", peer, "--inputs", inputs, "--capture", "all", "--out", out.path, "--max-memory", "64M"])
    XCTAssertEqual(ample.status, 0, ample.stderr)
  }

  func test_Localize_beyondTheLimitStopsAndWritesNoReport() throws {
    let report = try temporaryFolder().appendingPathComponent("R")
    let reference = golden.appendingPathComponent("keras.npz").path
    let result = try runDeltaNN(["localize", "--reference", reference, "--candidate", peer, "--report", report.path,
                                 "--max-memory", "8K"])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.contains("memory limit of 8192 bytes"), result.stderr)
    XCTAssertTrue(result.stderr.contains("the candidate 'tf2onnx.onnx'"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: report.path))
  }

  func test_MaxMemory_malformedSizeIsAUsageError() throws {
    let result = try runDeltaNN(["run", peer, "--inputs", inputs, "--max-memory", "lots"])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.contains("max-memory"), result.stderr)
  }
}
