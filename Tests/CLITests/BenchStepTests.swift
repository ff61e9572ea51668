import Foundation
import TestSupport
import XCTest

/// The `bench` step times environments in interleaved rounds: every round makes one recording per
/// environment, and the reported statistics are ordered min ≤ median ≤ p95.
final class BenchStepTests: XCTestCase {
  func test_BenchStep_interleavesRoundsAndReportsOrderedStatistics() throws {
    let folder = try temporaryFolder()
    let pipeline = folder.appendingPathComponent("bench.yaml")
    try """
      name: bench
      output: \(folder.path)/out
      steps:
        - id: bench
          step: bench
          with:
            runs: "interpreter=golden/keras/resnet_mini/tf2onnx.onnx, interpreter=golden/torch/resnet_mini/torch_onnx.onnx"
            inputs: golden/keras/resnet_mini/inputs.npz
            output: ${out}/bench
            rounds: "3"
      """.write(to: pipeline, atomically: true, encoding: .utf8)
    let result = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    // torch.onnx's form takes NCHW and Keras' inputs are NHWC: the step fails naming the shapes.
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    let record = try PipelineRecord(contentsOf: folder.appendingPathComponent("out/pipeline.json"))
    let step = try XCTUnwrap(record.cells.first?.steps.first)
    XCTAssertEqual(step.status, "failed")

    try String(contentsOf: pipeline, encoding: .utf8)
      .replacingOccurrences(of: "golden/torch/resnet_mini/torch_onnx.onnx", with: "golden/keras/resnet_mini/tf2onnx.onnx")
      .write(to: pipeline, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: folder.appendingPathComponent("out"))
    let ok = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
    let made = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/all/bench").path)
    XCTAssertEqual(Set(made.filter { $0.hasSuffix(".npz") }),
                   Set((0..<3).flatMap { r in (0..<2).map { "round\(r)-\($0)-interpreter.npz" } }))
    let facts = try XCTUnwrap(PipelineRecord(contentsOf: folder.appendingPathComponent("out/pipeline.json")).cells.first?.steps.first?.facts)
    XCTAssertEqual(facts["rounds"], "3")
    for key in ["0-interpreter", "1-interpreter"] {
      let numbers = try XCTUnwrap(facts[key], key).split(separator: "/").compactMap { Double($0) }
      XCTAssertEqual(numbers.count, 4, key)
      XCTAssertTrue(numbers[0] > 0 && numbers[0] <= numbers[1] && numbers[1] <= numbers[2], "\(key): \(numbers)")
    }
  }
}
