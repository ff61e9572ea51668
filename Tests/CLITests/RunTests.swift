import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// `deltann run` on a golden peer conversion: streamed activations agree with onnxruntime's.
final class RunTests: XCTestCase {
  let dir = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")

  func test_Run_captureAllStreamsEveryTensorMatchingOnnxruntime() throws {
    let tmp = try temporaryFolder()
    let out = tmp.appendingPathComponent("acts.npz")
    let result = try runDeltaNN(["run", dir.appendingPathComponent("tf2onnx.onnx").path, "--inputs",
                                 dir.appendingPathComponent("inputs.npz").path, "--capture", "all", "--out", out.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("top-5 of item 0: class"), result.stdout)
    let mine = try NPZReader(contentsOf: out)
    let recorded = try NPZReader(contentsOf: dir.appendingPathComponent("tf2onnx.ort.npz"))
    XCTAssertFalse(recorded.keys.isEmpty)
    for key in recorded.keys {
      XCTAssertTrue(mine.contains(key), "'\(key)' missing from the streamed archive")
      guard mine.contains(key) else { continue }
      assertClose(try mine.tensor(key), try recorded.tensor(key), rtol: 1e-4, atol: 1e-5, key)
    }
    let again = try runDeltaNN(["run", dir.appendingPathComponent("tf2onnx.onnx").path, "--inputs",
                                dir.appendingPathComponent("inputs.npz").path, "--out", out.path])
    XCTAssertNotEqual(again.status, 0, "an existing --out must not be replaced without --force")
  }

  func test_Run_wrongInputNameExitsNonZeroNamingIt() throws {
    let tmp = try temporaryFolder()
    let bad = tmp.appendingPathComponent("bad.npz")
    try NPZ.write([(key: "not_the_input", tensor: Tensor([0], shape: [1]))], to: bad)
    let result = try runDeltaNN(["run", dir.appendingPathComponent("tf2onnx.onnx").path, "--inputs", bad.path])
    XCTAssertNotEqual(result.status, 0)
    XCTAssertTrue(result.stderr.contains("'not_the_input'"), result.stderr)
  }
}
