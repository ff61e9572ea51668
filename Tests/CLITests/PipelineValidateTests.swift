import Foundation
import TestSupport
import XCTest

/// A bad pipeline file is refused before anything runs, by `pipeline validate` and by `pipeline
/// run`: exit 2, one error naming file, line, column and key, and no output folder.
final class PipelineValidateTests: XCTestCase {
  /// Runs `validate` and `run` on `yaml` (whose output folder is `out` in a fresh folder) and
  /// checks both refuse it with `expected` after the file's path.
  private func assertRefused(_ yaml: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let folder = try temporaryFolder()
    let pipeline = folder.appendingPathComponent("p.yaml")
    try yaml.replacingOccurrences(of: "OUT", with: folder.appendingPathComponent("out").path)
      .write(to: pipeline, atomically: true, encoding: .utf8)
    for command in ["validate", "run"] {
      let result = try runDeltaNN(["pipeline", command, pipeline.path], in: packageRoot)
      XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)", file: file, line: line)
      XCTAssertTrue(result.stderr.contains("deltann: error: \(pipeline.path)\(expected)"), "\(command): \(result.stderr)", file: file, line: line)
      XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "\(command) wrote output",
                     file: file, line: line)
    }
  }

  private let convert = """
    steps:
      - id: convert
        step: convert
        with:
          model: golden/keras/mobilenet_mini/model.keras
          output: ${out}/m.onnx
    """

  func test_PipelineValidate_unknownKeyIsNamedWithItsPlace() throws {
    try assertRefused("name: x\noutput: OUT\nouptut: typo\n" + convert,
                      ":3:1: 'ouptut': unknown key 'ouptut'; expected one of matrix, name, output, steps")
  }

  func test_PipelineValidate_wrongTypeIsNamedWithItsPlace() throws {
    try assertRefused("name: x\noutput: OUT\nmatrix:\n  model: mobilenet_mini\n" + convert,
                      ":4:10: 'matrix.model': expected a list, found 'mobilenet_mini'")
  }

  func test_PipelineValidate_missingModelIsNamedWithItsCell() throws {
    try assertRefused("""
      name: x
      output: OUT
      matrix:
        model: [mobilenet_mini, resnet_mini, vgg_mini]
      steps:
        - id: verify
          step: verify
          with:
            source: golden/keras/${model}/model.keras
            candidate: golden/keras/${model}/tf2onnx.onnx
      """, ":9:15: 'steps.0.with.source': no such file or folder 'golden/keras/vgg_mini/model.keras' (cell model=vgg_mini)")
  }

  func test_PipelineValidate_unknownEnvironmentListsTheKnownOnes() throws {
    try assertRefused("""
      name: x
      output: OUT
      steps:
        - id: localize
          step: localize
          with: {reference: golden/keras/resnet_mini/keras.npz, candidate: golden/keras/resnet_mini/tf2onnx.onnx, backend: tensorrt}
      """, ":6:118: 'steps.0.with.backend': unknown environment 'tensorrt'; expected one of interpreter, onnxruntime")
  }

  func test_PipelineValidate_validFileRunsNothingAndSaysSo() throws {
    let result = try runDeltaNN(["pipeline", "validate", "pipelines/demo.yaml"], in: packageRoot)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "pipelines/demo.yaml: valid; 1 cells × 5 steps, output out/demo\n")
  }
}
