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
      let ours = try Lowering.lower(SourceModel.load(dir.appendingPathComponent("model.keras")))
      for mutant in Mutations.corpus(from: ours, limit: 2) {
        var row = rows[mutant.fault, default: Row()]
        row.mutants += 1
        // Where the fault shows: its layer, or the layers of the nodes it becomes visible at.
        let layerOf = Dictionary(mutant.model.graph.nodes.map { ($0.name, $0.provenance?.sourceLayer ?? $0.name) }, uniquingKeysWith: { a, _ in a })
        let expected = Set([mutant.layer] + mutant.visibleAt.compactMap { layerOf[$0] })
        do {
          let report = try Localizer(reference: reference, candidate: mutant.model, names: ("keras", mutant.fault.rawValue)).analyse()
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
}
