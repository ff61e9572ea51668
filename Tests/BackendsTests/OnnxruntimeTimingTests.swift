import Backends
import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// `deltann bench`'s peer: onnxruntime in a child process that stays up, its timed runs
/// alternating with the interpreter's in rounds. Needs the helpers' venv with onnxruntime.
final class OnnxruntimeTimingTests: XCTestCase {
  func test_Benchmark_alternatesRunsWithOnnxruntime() throws {
    let python = try XCTUnwrap(helperPython(importing: "onnxruntime") ?? skipWithoutOnnxruntime())
    let url = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini/tf2onnx.onnx")
    var started = 0
    let report = try Benchmark.run(model: try ONNXFile.read(url), threads: 1, runs: 7, warmup: 1) { input in
      started += 1
      return try OnnxruntimeTiming.Session(model: url, input: input, threads: 1, python: python.path)
    }
    XCTAssertEqual(started, 1, "one child for the whole benchmark")
    let ort = try XCTUnwrap(report.onnxruntime)
    XCTAssertEqual(report.plain.seconds.count, 7)
    XCTAssertEqual(ort.timing.seconds.count, 7, "as many timed onnxruntime runs as plain ones")
    XCTAssertTrue(ort.timing.seconds.allSatisfy { $0.isFinite && $0 > 0 }, "\(ort.timing.seconds)")
    let ratio = try XCTUnwrap(report.pairedRatio)
    XCTAssertTrue(ratio.isFinite && ratio > 0, "paired ratio \(ratio)")
    // The same model and input on both sides: the interpreter's output is onnxruntime's within
    // float rounding (a softmax over 10 classes; 1e-5 absolute is far below any label change).
    XCTAssertEqual(ort.output.shape, report.output.shape)
    let mine = try XCTUnwrap(report.output.floats()), theirs = try XCTUnwrap(ort.output.floats())
    XCTAssertFalse(mine.contains { !$0.isFinite } || theirs.contains { !$0.isFinite })
    for (a, b) in zip(mine, theirs) { XCTAssertEqual(a, b, accuracy: 1e-5) }
  }

  func test_Session_deadHelperIsATypedError() throws {
    let url = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini/tf2onnx.onnx")
    let input = Tensor([Float](repeating: 0, count: 4), shape: [4])
    XCTAssertThrowsError(try OnnxruntimeTiming.Session(model: url, input: input, threads: 1, python: "/bin/false")) { error in
      guard case BackendError.helperFailed(let framework, _, _, _, _, _) = error else {
        return XCTFail("expected helperFailed, got \(error)")
      }
      XCTAssertEqual(framework, "onnxruntime timing")
    }
  }

  private func skipWithoutOnnxruntime() throws -> URL {
    throw XCTSkip("OnnxruntimeTimingTests needs the helpers' venv with onnxruntime: bash scripts/setup-python.sh")
  }
}
