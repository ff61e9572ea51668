import Foundation
import Pipeline
import TestSupport
import XCTest

/// A failed step is a finding of its cell: the steps that need its output are skipped, a compare
/// goes on without the failed run (and says so), and independent steps run. Variables take their
/// defaults or `--set` values, and an unknown one is an error.
final class PipelineFailureTests: XCTestCase {
  func test_PipelineRunner_failedStepSkipsOnlyItsDependants() throws {
    let folder = try temporaryFolder()
    let broken = folder.appendingPathComponent("broken.onnx")
    try Data("not an ONNX model".utf8).write(to: broken)
    let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini").path
    let url = folder.appendingPathComponent("p.yaml")
    try """
      name: failures
      output: \(folder.path)/out
      variables:
        form: tf2onnx
      steps:
        - id: broken
          step: run
          with: {environment: interpreter, model: "\(broken.path)", inputs: "\(golden)/inputs.npz", output: "${out}/broken.npz"}
        - id: ours
          step: run
          with: {environment: interpreter, model: "\(golden)/${form}.onnx", inputs: "\(golden)/inputs.npz", repeats: "1",
                 output: "${out}/ours.npz"}
        - id: needs-broken
          step: diff
          with: {reference: "\(golden)/keras.npz", candidate: "${out}/broken.npz"}
        - id: compare
          step: compare
          with: {runs: "keras=\(golden)/keras.npz, broken=${out}/broken.npz, ours=${out}/ours.npz"}
      """.write(to: url, atomically: true, encoding: .utf8)
    let spec = try PipelineSpec.load(url)
    let run = PipelineRunner(spec: spec, log: { _ in }).run()
    let steps = try XCTUnwrap(run.cells.first).steps
    XCTAssertEqual(steps.map(\.status), [.failed, .passed, .skipped, .passed], steps.map(\.summary).joined(separator: "\n"))
    XCTAssertTrue(steps[0].summary.contains("broken.onnx"), steps[0].summary)
    XCTAssertTrue(steps[2].summary.contains("which step 'broken' did not make"), steps[2].summary)
    XCTAssertTrue(steps[3].summary.contains("left out: broken (broken failed)"), steps[3].summary)
    XCTAssertEqual(steps[3].facts["environments"], "2")
  }

  func test_PipelineSpec_variablesTakeDefaultsAndSetValues() throws {
    let folder = try temporaryFolder()
    let url = folder.appendingPathComponent("p.yaml")
    try """
      name: variables
      output: out/v
      variables:
        form: tf2onnx
      steps:
        - id: verify
          step: verify
          with: {source: "\(packageRoot.path)/golden/keras/resnet_mini/model.keras", candidate: "\(packageRoot.path)/golden/keras/resnet_mini/${form}.onnx"}
      """.write(to: url, atomically: true, encoding: .utf8)
    XCTAssertEqual(try PipelineSpec.load(url).steps[0].with["candidate"], "\(packageRoot.path)/golden/keras/resnet_mini/tf2onnx.onnx")
    // A value that names a missing file is reported at its line, as written in the file.
    XCTAssertThrowsError(try PipelineSpec.load(url, setting: ["form": "nothing"])) { error in
      XCTAssertTrue("\(error)".contains("p.yaml:8:"), "\(error)")
      XCTAssertTrue("\(error)".contains("no such file or folder '\(packageRoot.path)/golden/keras/resnet_mini/nothing.onnx'"), "\(error)")
    }
    XCTAssertThrowsError(try PipelineSpec.load(url, setting: ["photos": "x"])) { error in
      XCTAssertTrue("\(error)".contains("--set photos: the pipeline has no such variable; it declares form"), "\(error)")
    }
  }
}
