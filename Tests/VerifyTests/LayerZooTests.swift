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

  /// `(name, source, peer)`: the zoos with their peer conversions, the core-IR copy of torch
  /// zoo b (torch.onnx cannot export it) and layers.keras (tf2onnx cannot convert its GELU).
  static func zoos() throws -> [(name: String, source: Graph, peer: Model?)] {
    var out: [(String, Graph, Model?)] = []
    for (stem, peer) in [("keras_zoo_a", "tf2onnx"), ("keras_zoo_b", "tf2onnx"), ("torch_zoo_a", "torch_onnx"), ("torch_zoo_b", "torch_onnx")] {
      let ext = stem.hasPrefix("keras") ? "keras" : "pt2"
      let source = try Importers.importModel(at: fixtures.appendingPathComponent("\(stem).\(ext)"))
      out.append((stem, source, try ONNXFile.read(fixtures.appendingPathComponent("\(stem).\(peer).onnx"))))
    }
    out.append(("torch_zoo_b.core", try Importers.importModel(at: fixtures.appendingPathComponent("torch_zoo_b.core.pt2")), nil))
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

extension LayerZooTests {
  /// ATen overloads that share their rule with one the zoos exercise (in-place and overload
  /// variants), written out: the test fails when a new op is accepted without either.
  static let atenVariants: [String: String] = [
    "_adaptive_avg_pool2d.default": "adaptive_avg_pool2d.default", "_log_softmax.default": "log_softmax.int",
    "_softmax.default": "softmax.int", "_unsafe_view.default": "view.default", "add.Scalar": "add.Tensor",
    "add_.Tensor": "add.Tensor", "alias.default": "dropout.default", "batch_norm.default": "_native_batch_norm_legit_no_training.default",
    "clamp_.default": "clamp.default", "clamp_max.default": "clamp.default", "clamp_min.default": "clamp.default",
    "clone.default": "dropout.default", "contiguous.default": "dropout.default", "convolution.default": "conv2d.default",
    "detach.default": "dropout.default", "div_.Tensor": "div.Tensor", "div.Scalar": "div.Tensor", "dropout_.default": "dropout.default",
    "hardsigmoid_.default": "hardsigmoid.default", "hardswish_.default": "hardswish.default", "hardtanh_.default": "hardtanh.default",
    "max_pool2d_with_indices.default": "max_pool2d.default", "mm.default": "matmul.default", "mul_.Tensor": "mul.Tensor",
    "mul.Scalar": "mul.Tensor", "pad.default": "constant_pad_nd.default", "relu_.default": "relu.default",
    "reshape.default": "view.default", "sigmoid_.default": "sigmoid.default", "silu_.default": "silu.default",
    "squeeze.default": "squeeze.dims", "squeeze.dim": "squeeze.dims", "sub_.Tensor": "sub.Tensor", "sub.Scalar": "sub.Tensor",
    "t.default": "linear.default", "transpose.int": "permute.default", "unsqueeze.default": "squeeze.dims",
  ]

  /// Every Keras rule (all classes of a rule share its one description) and every ATen op
  /// `convert` accepts appears in a zoo, so the equivalence and perturbation tests cover it.
  func test_LayerZoo_everyAcceptedKerasRuleAndATenOpIsExercised() throws {
    let zoos = try Self.zoos()
    let used = Set(zoos.flatMap { $0.source.nodes.map(\.opType) })
    let missingRules = KerasRules.all.filter { rule in !rule.classNames.contains(where: used.contains) }
    XCTAssertTrue(missingRules.isEmpty, "Keras rules no zoo layer uses: \(missingRules.map { "\($0)" })")
    let missingOps = ATenRules.all.map(\.op).filter { op in !used.contains(op) && !used.contains(Self.atenVariants[op] ?? "") }
    XCTAssertTrue(missingOps.isEmpty, "ATen ops no zoo node uses (add them to the zoo or to atenVariants): \(missingOps)")
  }

  /// Every float constant of every node of our conversion, changed one at a time (v + max(0.05, 10 %)):
  /// verify flags an error on the layer the node's provenance names. The expected layer comes
  /// from the lowering's provenance, recorded before verifying.
  func test_LayerZoo_everyChangedConstantIsFlaggedOnItsLayer() throws {
    var total = 0, found = 0, blamedOther = 0
    var misses: [String] = []
    for (name, source, _) in try Self.zoos() {
      let model = try Lowering.lower(source)
      var seen = Set<String>()
      for (index, node) in model.graph.nodes.enumerated() {
        for (slot, input) in node.inputs.enumerated() where seen.insert(input).inserted {
          guard let t = model.graph.initializers[input], t.dtype == .float32, let v = t.floats(), !v.isEmpty,
            let layer = node.provenance?.sourceLayer else { continue }
          // A node of weights only (PyTorch's `t` of a parameter) concerns the layers reading it too.
          let readers = node.inputs.allSatisfy { model.graph.initializers[$0] != nil }
            ? model.graph.nodes.filter { !Set($0.inputs).isDisjoint(with: node.outputs) }.compactMap(\.provenance?.sourceLayer) : []
          let expected = [layer] + readers
          var mutant = model
          let changed = input + "__changed"
          mutant.graph.initializers[changed] = Tensor(v.map { $0 + max(0.05, 0.1 * abs($0)) }, shape: t.shape)
          mutant.graph.nodes[index].inputs[slot] = changed
          let report = try Verifier.verify(source: source, candidate: mutant)
          let errors = report.findings.filter { $0.severity == .error }
          total += 1
          if errors.contains(where: { e in expected.contains { e.concerns($0) } }) { found += 1 } else {
            if !errors.isEmpty { blamedOther += 1 }
            misses.append("\(name) \(layer) \(node.opType) input \(slot): \(errors.prefix(2).map { "\($0.kind.rawValue)@\($0.layer)" })")
          }
        }
      }
    }
    print("changed constants: \(total); flagged on their layer \(found), blamed another layer \(blamedOther), missed \(total - found - blamedOther)")
    for m in misses { print("  miss: \(m)") }
    XCTAssertEqual(found, total, misses.joined(separator: "\n"))
  }
}
