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

/// Verify's mutation corpus, run numerically: each golden Keras model is converted by us, a fault
/// from real converter bugs is injected, and the copy is localised against the activations Keras
/// recorded. Among divergent inputs the localised layer must be the injected one in ≥ 95% of
/// cases and be isolated as a local fault. Prints the table.
final class MutationLocalizationTests: XCTestCase {
  private struct Row {
    var mutants = 0, labelInputs = 0, labelHits = 0, numericInputs = 0, numericHits = 0, local = 0, silent = 0
    var errors: [String] = []
  }

  func test_Localizer_findsEveryInjectedFaultOfTheMutationCorpus() throws {
    let golden = packageRoot.appendingPathComponent("golden/keras")
    guard FileManager.default.fileExists(atPath: golden.path) else { throw XCTSkip("golden/ is missing") }
    var rows: [FaultKind: Row] = [:]
    for model in ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"] {
      let dir = golden.appendingPathComponent(model)
      let reference = try RecordedActivations(npz: dir.appendingPathComponent("keras.npz"))
      let source = try SourceModel.load(dir.appendingPathComponent("model.keras"))
      let ours = try Lowering.lower(source)
      let floor = NoiseFloor(correct: try Localizer(reference: reference, candidate: ours, backend: InterpreterBackend(), names: ("keras", "ours")).analyse())
      for mutant in Mutations.corpus(from: ours, limit: 2) {
        var row = rows[mutant.fault, default: Row()]
        row.mutants += 1
        // Where the fault shows: its layer, or the layers of the nodes it becomes visible at.
        let layerOf = Dictionary(mutant.model.graph.nodes.map { ($0.name, $0.provenance?.sourceLayer ?? $0.name) }, uniquingKeysWith: { a, _ in a })
        let expected = Set([mutant.layer] + mutant.visibleAt.compactMap { layerOf[$0] })
        do {
          var localizer = try Localizer(reference: reference, candidate: mutant.model, backend: InterpreterBackend(), names: ("keras", mutant.fault.rawValue))
          localizer.floor = floor
          let report = try localizer.analyse()
          for d in report.divergentInputs {
            row.labelInputs += 1
            if let layer = d.divergence?.layer, expected.contains(layer) { row.labelHits += 1 }
            if d.isolation == .localFault { row.local += 1 }
          }
          for d in report.numericallyDivergentInputs {
            row.numericInputs += 1
            if let layer = d.divergence?.layer, expected.contains(layer) { row.numericHits += 1 }
            if d.isolation == .localFault { row.local += 1 }
          }
          if report.divergentInputs.isEmpty && report.numericallyDivergentInputs.isEmpty { row.silent += 1 }
        } catch {
          // Interface faults (a 1001-class head) and shape-breaking ones stop the run with a typed error.
          row.errors.append("\(model)@\(mutant.layer): \(String(describing: error).prefix(90))")
        }
        rows[mutant.fault] = row
      }
    }
    var total = Row()
    print("fault kind                      mutants  label-div  at fault  numeric  at fault  local  silent  errors")
    for fault in FaultKind.allCases {
      guard let r = rows[fault] else { continue }
      print(fault.rawValue.padding(toLength: 32, withPad: " ", startingAt: 0)
        + [r.mutants, r.labelInputs, r.labelHits, r.numericInputs, r.numericHits, r.local, r.silent, r.errors.count]
          .map { String($0).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
      for e in r.errors { print("    error: \(e)") }
      total.labelInputs += r.labelInputs
      total.labelHits += r.labelHits
      total.numericInputs += r.numericInputs
      total.numericHits += r.numericHits
      total.local += r.local
    }
    let divergent = total.labelInputs + total.numericInputs
    print("label-divergent inputs localised at the injected layer: \(total.labelHits)/\(total.labelInputs); "
      + "numerically divergent: \(total.numericHits)/\(total.numericInputs); isolated as local: \(total.local)/\(divergent)")
    XCTAssertGreaterThan(total.labelInputs, 20, "the corpus must change labels somewhere")
    XCTAssertGreaterThanOrEqual(Double(total.labelHits), 0.95 * Double(total.labelInputs))
    // Inputs whose label held: float16 rounding leaves its layer within a hair of the tolerance,
    // so a few of those surface one layer later; the bar is on label-divergent inputs.
    XCTAssertGreaterThanOrEqual(Double(total.numericHits), 0.90 * Double(total.numericInputs))
    XCTAssertGreaterThanOrEqual(Double(total.local), 0.95 * Double(divergent))
  }

  /// The same corpus injected into tf2onnx's conversions (Conv + BatchNormalization fused, names
  /// rewritten), localised as `localize --source` does: aligned through verify's node map of
  /// the mutant, judged against the noise floor of our own conversion. The injected layer is
  /// known from the source's naming (`SourceAttribution`); a divergence named as a fused group
  /// counts when the group holds it.
  func test_Localizer_findsFaultsInjectedIntoTf2onnxConversions() throws {
    try localizePeerMutants(framework: "keras", source: "model.keras", peer: "tf2onnx")
  }

  /// The same on torch.onnx's conversions of golden's PyTorch models (Linear as Gemm with
  /// transB, BatchNormalization folded into Conv, names from the module tree).
  func test_Localizer_findsFaultsInjectedIntoTorchOnnxConversions() throws {
    try localizePeerMutants(framework: "torch", source: "model.pt2", peer: "torch_onnx")
  }

  private func localizePeerMutants(framework: String, source sourceFile: String, peer peerName: String) throws {
    let golden = packageRoot.appendingPathComponent("golden/\(framework)")
    var tally = LocalizationTally()
    for model in ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"] {
      let dir = golden.appendingPathComponent(model)
      let reference = try RecordedActivations(npz: dir.appendingPathComponent("\(framework).npz"))
      let source = try SourceModel.load(dir.appendingPathComponent(sourceFile))
      let ours = try Lowering.lower(source)
      let peer = try ONNXFile.read(dir.appendingPathComponent("\(peerName).onnx"))
      let floor = NoiseFloor(correct: try Localizer(reference: reference, candidate: ours, backend: InterpreterBackend(), names: (framework, "ours")).analyse())
      let attribution = SourceAttribution(lowered: ours.graph, candidate: peer.graph, converter: peerName.replacingOccurrences(of: "_", with: "."))
      for mutant in Mutations.corpus(from: peer, limit: 2) where mutant.fault != .head1001 {
        try tally.localize(mutant, of: model, source: source, reference: reference, floor: floor, attribution: attribution)
      }
    }
    print(tally.text())
    XCTAssertGreaterThan(tally.labelInputs, 20, "the corpus must change labels somewhere")
    XCTAssertGreaterThanOrEqual(Double(tally.labelHits), 0.95 * Double(tally.labelInputs))
  }
}

/// Mutants localised as `localize --source` does (verify's node map of the mutant, the noise
/// floor of our own conversion), counted against the layer recorded at injection.
struct LocalizationTally {
  var attributed = 0, unattributed = 0, mutants = 0, labelMutants = 0, labelMutantHits = 0
  var labelInputs = 0, labelHits = 0
  var misses: [String] = [], failedRuns: [String] = []
  /// Compare only the first inputs of the reference (all when nil).
  var inputLimit: Int?

  mutating func localize(_ mutant: Mutant, of model: String, source: Graph, reference: RecordedActivations, floor: NoiseFloor,
                         attribution: SourceAttribution) throws {
    guard let expected = attribution.layers(node: mutant.node, visibleAt: mutant.visibleAt) else { unattributed += 1; return }
    attributed += 1
    let map = LocalizationRequest.tensorMap(try Verifier.verify(source: source, candidate: mutant.model), in: mutant.model.graph)
    let report: PairReport
    do {
      var localizer = try Localizer(reference: reference, candidate: mutant.model, backend: InterpreterBackend(), names: ("source", mutant.fault.rawValue), map: map)
      localizer.floor = floor
      localizer.inputLimit = inputLimit
      report = try localizer.analyse()
    } catch {
      // Shape-breaking faults stop the run with a typed error: listed, not dropped.
      failedRuns.append("\(model) \(mutant.fault.rawValue) at \(mutant.node): \(String(describing: error).prefix(80))")
      return
    }
    mutants += 1
    var hits = 0
    for d in report.divergentInputs {
      labelInputs += 1
      let layer = d.divergence?.layer ?? ""
      if !expected.isDisjoint(with: [layer] + (report.groups?[layer] ?? [])) { labelHits += 1; hits += 1 } else {
        misses.append("\(model) \(mutant.fault.rawValue) at \(mutant.node) → \(expected.sorted()): localised at \(report.describe(layer: layer))")
      }
    }
    if !report.divergentInputs.isEmpty {
      labelMutants += 1
      if hits * 2 > report.divergentInputs.count { labelMutantHits += 1 }
    }
  }

  func text() -> String {
    var lines = ["mutants attributed to a source layer: \(attributed) (\(unattributed) not), localised: \(mutants); "
      + "label-changing mutants named at the injected layer or its fused group (most of their inputs): \(labelMutantHits)/\(labelMutants); "
      + "label-divergent inputs: \(labelHits)/\(labelInputs)"]
    lines += Set(misses).sorted().prefix(40).map { "  miss: \($0)" }
    lines += failedRuns.map { "  run stopped (typed error): \($0)" }
    return lines.joined(separator: "\n")
  }
}
