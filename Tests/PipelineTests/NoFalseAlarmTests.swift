import Backends
import Diff
import Foundation
import Lowering
import ModelFormats
import ModelGraph
import Pipeline
import TestSupport
import Verify
import XCTest

/// Correct conversions raise no flag with the default tolerances: ours and the peers' (tf2onnx,
/// torch.onnx) of every golden model, aligned through verify's node map as a user would.
final class NoFalseAlarmTests: XCTestCase {
  private let models = ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"]

  private func check(framework: String, peer: String, recording: String) throws {
    let root = packageRoot.appendingPathComponent("golden/\(framework)")
    guard FileManager.default.fileExists(atPath: root.path) else { throw XCTSkip("golden/ is missing") }
    for model in models {
      let dir = root.appendingPathComponent(model)
      let source = try SourceModel.load(dir.appendingPathComponent(framework == "keras" ? "model.keras" : "model.pt2"))
      let reference = try RecordedActivations(npz: dir.appendingPathComponent(recording))
      let peerModel = try ONNXFile.read(dir.appendingPathComponent(peer))
      let map = LocalizationRequest.tensorMap(try Verifier.verify(source: source, candidate: peerModel), in: peerModel.graph)
      for (name, candidate, layerMap) in [("ours", try Lowering.lower(source), [String: String]()), (peer, peerModel, map)] {
        let localizer = try Localizer(reference: reference, candidate: candidate, backend: InterpreterBackend(), names: (recording, name), map: layerMap)
        let report = try localizer.analyse()
        let flagged = report.layers.filter { $0.flaggedInputs > 0 }.map(\.layer)
        XCTAssertEqual(flagged, [], "\(framework)/\(model) \(name)")
        XCTAssertEqual(report.labelDifferenceRate, 0, "\(framework)/\(model) \(name)")
        XCTAssertGreaterThanOrEqual(Double(localizer.alignment.pairs.count), 0.6 * Double(reference.entries.count),
                                    "\(framework)/\(model) \(name): too few layers aligned to mean anything")
        print("\(framework)/\(model) \(name): \(report.coverage?.description ?? "?"), none flagged")
      }
    }
  }

  func test_Localizer_kerasGoldenModelsOursAndTf2onnxRaiseNoFlag() throws {
    try check(framework: "keras", peer: "tf2onnx.onnx", recording: "keras.npz")
  }

  func test_Localizer_torchGoldenModelsOursAndTorchOnnxRaiseNoFlag() throws {
    try check(framework: "torch", peer: "torch_onnx.onnx", recording: "torch.npz")
  }
}
