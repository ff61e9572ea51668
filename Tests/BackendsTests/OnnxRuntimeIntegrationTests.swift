import Backends
import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// The real helper: onnxruntime through ExternalBackend on golden peer conversions, compared
/// tensor by tensor with the activations recorded in golden/ by the same helper. Skips loudly
/// when no Python venv (DELTANN_VENV or .venv) or no golden/ is present.
final class OnnxRuntimeIntegrationTests: XCTestCase {
  func setup() throws -> HelperSetup {
    let env = ProcessInfo.processInfo.environment
    let venvs = [env["DELTANN_VENV"], packageRoot.appendingPathComponent(".venv").path].compactMap { $0 }
    guard let venv = venvs.first(where: { FileManager.default.isExecutableFile(atPath: $0 + "/bin/python") }) else {
      print("SKIPPED OnnxRuntimeIntegrationTests: no Python venv (run bash scripts/setup-python.sh)")
      throw XCTSkip("SKIPPED: no Python venv with the helpers; run `bash scripts/setup-python.sh`")
    }
    guard FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("golden/manifest.json").path) else {
      print("SKIPPED OnnxRuntimeIntegrationTests: golden/ is absent on this branch")
      throw XCTSkip("SKIPPED: golden/ is absent on this branch")
    }
    return try HelperSetup.locate(root: packageRoot, environment: ["DELTANN_VENV": venv])
  }

  func test_ExternalBackend_onnxruntimeReproducesGoldenActivations() throws {
    let backend = ExternalBackend(framework: .onnxruntime, setup: try setup())
    let out = try temporaryFolder()
    for (folder, model) in [("keras/mobilenet_mini", "tf2onnx"), ("torch/resnet_mini", "torch_onnx")] {
      let golden = packageRoot.appendingPathComponent("golden/\(folder)")
      let request = RunRequest(model: golden.appendingPathComponent("\(model).onnx"),
                               inputs: golden.appendingPathComponent("inputs.npz"), capture: .all,
                               out: out.appendingPathComponent("\(model).npz"), repeats: 2)
      var reports: [RunProgress] = []
      let started = Date()
      let record = try backend.run(request) { reports.append($0) }
      let recorded = try NPZReader(contentsOf: golden.appendingPathComponent("\(model).ort.npz"))
      let produced = try NPZReader(contentsOf: record.activations)
      XCTAssertEqual(record.framework, "onnxruntime")
      XCTAssertEqual(record.count, 4)
      XCTAssertNotNil(record.timing)
      XCTAssertEqual(record.tensors.map(\.key), recorded.keys, folder)
      XCTAssertTrue(reports.contains { $0.done == 4 && $0.total == 4 }, "progress relayed: \(reports)")
      for key in recorded.keys {
        assertClose(try produced.tensor(key), try recorded.tensor(key), rtol: 1e-5, atol: 1e-6, "\(folder) \(key)")
      }
      print("onnxruntime \(folder)/\(model).onnx: \(record.tensors.count) tensors × \(record.count) inputs match "
        + "golden in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, median "
        + "\(String(format: "%.3f", record.timing?.median ?? 0)) ms/input")
    }
  }

  func test_ExternalBackend_realHelperReportsBadModelAsTypedError() throws {
    let backend = ExternalBackend(framework: .onnxruntime, setup: try setup())
    let directory = try temporaryFolder()
    let model = directory.appendingPathComponent("garbage.onnx")
    try Data("not a model".utf8).write(to: model)
    let inputs = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini/inputs.npz")
    XCTAssertThrowsError(try backend.run(model: model, inputs: inputs, capture: .all,
                                         out: directory.appendingPathComponent("a.npz"))) { error in
      guard case BackendError.helperFailed("onnxruntime", 2, false, let kind?, let message?, _) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertFalse(kind.isEmpty)
      XCTAssertTrue(message.contains("garbage.onnx"), message)
    }
  }
}
