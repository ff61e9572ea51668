import Backends
import Diff
import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Localisation on the golden models: Keras' recorded activations against tf2onnx's conversion,
/// run by our interpreter — untouched (no false alarm), and with a fault injected into one
/// convolution (the first flagged layer is the injected one, isolated as a local fault).
final class GoldenLocalizationTests: XCTestCase {
  private let models = ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"]

  private func folder(_ model: String) throws -> URL {
    let url = packageRoot.appendingPathComponent("golden/keras/\(model)")
    guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("golden/ is missing: \(url.path)") }
    return url
  }

  func test_Localizer_peerConversionOfEveryGoldenModelRaisesNoFlag() throws {
    for model in models {
      let dir = try folder(model)
      let report = try Localizer(reference: RecordedActivations(npz: dir.appendingPathComponent("keras.npz")),
                                 candidate: ONNXFile.read(dir.appendingPathComponent("tf2onnx.onnx")), backend: InterpreterBackend(),
                                 names: ("keras", "tf2onnx")).analyse()
      XCTAssertEqual(report.labelDifferenceRate, 0, model)
      XCTAssertEqual(report.layers.filter { $0.flaggedInputs > 0 }.map(\.layer), [], model)
      XCTAssertGreaterThan(report.layers.count, 10, model)
    }
  }

  func test_Localizer_signFlippedConvolutionIsTheFirstFlaggedLayer() throws {
    for model in models {
      let dir = try folder(model)
      let reference = try RecordedActivations(npz: dir.appendingPathComponent("keras.npz"))
      var onnx = try ONNXFile.read(dir.appendingPathComponent("tf2onnx.onnx"))
      let probe = try Localizer(reference: reference, candidate: onnx, backend: InterpreterBackend(), names: ("keras", "tf2onnx"))
      // An aligned layer halfway through the network whose output comes from a convolution
      // (directly, or through unaligned ops such as a folded BatchNormalization's Conv).
      let producers = onnx.graph.producers
      let aligned = Set(probe.alignment.pairs.map(\.candidateTensor))
      func convolution(behind tensor: String) -> Int? {
        var stack = [tensor], seen = Set<String>()
        while let t = stack.popLast() {
          guard seen.insert(t).inserted, let i = producers[t] else { continue }
          let node = onnx.graph.nodes[i]
          if node.opType == "Conv", node.inputs.count > 1, onnx.graph.initializers[node.inputs[1]] != nil { return i }
          stack += node.inputs.filter { !aligned.contains($0) }
        }
        return nil
      }
      let convs = probe.alignment.pairs.compactMap { p in convolution(behind: p.candidateTensor).map { (p, $0) } }
      let (target, node) = try XCTUnwrap(convs.dropFirst(convs.count / 2).first, model)
      let weight = onnx.graph.nodes[node].inputs[1]
      let w = try XCTUnwrap(onnx.graph.initializers[weight]?.floats())
      onnx.graph.initializers[weight] = Tensor(w.map { -$0 }, shape: onnx.graph.initializers[weight]?.shape ?? [])

      let report = try Localizer(reference: reference, candidate: onnx, backend: InterpreterBackend(), names: ("keras", "faulty")).analyse()
      let firstFlagged = report.layers.first { $0.flaggedInputs > 0 }
      XCTAssertEqual(firstFlagged?.layer, target.layer, "\(model): fault injected at \(target.layer)")
      XCTAssertEqual(report.divergentInputs.count + report.numericallyDivergentInputs.count, report.inputs, model)
      for d in report.divergentInputs + report.numericallyDivergentInputs {
        XCTAssertEqual(d.divergence?.layer, target.layer, model)
        XCTAssertEqual(d.isolation, .localFault, model)
      }
      print("\(model): injected at \(target.layer); \(report.divergentInputs.count)/\(report.inputs) inputs change label")
    }
  }
}
