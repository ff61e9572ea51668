import Foundation
import Importers
import ModelFormats
import ModelGraph
import TestSupport
import XCTest
@testable import Lowering
@testable import Verify

/// The layer zoos of `Fixtures/` (made by `scripts/make-verify-fixtures.py` with real Keras,
/// PyTorch, tf2onnx and torch.onnx) and the importer's `layers.keras`: every Keras layer rule
/// and ATen op `convert` accepts, in two configurations, verified against our conversion and
/// the peer's.
final class LayerZooTests: XCTestCase {
  static let fixtures = packageRoot.appendingPathComponent("Tests/VerifyTests/Fixtures")

  /// `(name, source, peer)`: the zoos with their peer conversions, and layers.keras (no peer:
  /// tf2onnx cannot convert its GELU).
  static func zoos() throws -> [(name: String, source: Graph, peer: Model?)] {
    var out: [(String, Graph, Model?)] = []
    for (stem, peer) in [("keras_zoo_a", "tf2onnx"), ("keras_zoo_b", "tf2onnx"), ("torch_zoo_a", "torch_onnx"), ("torch_zoo_b", "torch_onnx")] {
      let ext = stem.hasPrefix("keras") ? "keras" : "pt2"
      let source = try Importers.importModel(at: fixtures.appendingPathComponent("\(stem).\(ext)"))
      out.append((stem, source, try ONNXFile.read(fixtures.appendingPathComponent("\(stem).\(peer).onnx"))))
    }
    let layers = packageRoot.appendingPathComponent("Tests/ImportersTests/Fixtures/layers.keras")
    out.append(("layers.keras", try Importers.importModel(at: layers), nil))
    return out
  }

  func test_LayerZoo_oursAndPeersAreEquivalent() throws {
    for (name, source, peer) in try Self.zoos() {
      for (label, candidate) in [("ours", try Lowering.lower(source)), ("ours --fold-batchnorm", try Lowering.lower(source, options: LoweringOptions(foldBatchNorm: true)))] + (peer.map { [("peer", $0)] } ?? []) {
        let report = try Verifier.verify(source: source, candidate: candidate)
        let errors = report.findings.filter { $0.severity == .error }
        XCTAssertTrue(errors.isEmpty, "\(name) \(label): \(report.text(limit: 10))")
        print("\(name) \(label): \(report.summary)")
      }
    }
  }
}
