import Diff
import Foundation
import XCTest

final class PairAnalysisTests: XCTestCase {
  /// Ten inputs through a chain a → b → c → d; on odd inputs layer c is corrupted (error 5%),
  /// and the corruption flips the label; even inputs only carry float noise.
  private func analysis() -> PairAnalysis {
    let names = ["a", "b", "c", "d"]
    var pair = PairAnalysis(reference: "keras", candidate: "onnx", layers: names.map { ($0, "Conv") })
    for input in 0..<10 {
      let ref: [Float] = (0..<32).map { Float(($0 * 7 + input) % 13) - 6 }
      let faulty = input % 2 == 1
      let observations = names.enumerated().map { i, name in
        let e: Float = faulty && i >= 2 ? 0.05 * Float(i - 1) : 1e-7 * Float(input + 1)
        return LayerObservation(layer: name, metrics: TensorMetrics(reference: ref, candidate: ref.map { $0 * (1 + e) }),
                                inputs: i == 0 ? [] : [names[i - 1]])
      }
      let scores: [Float] = [0.1, 0.6, 0.2, 0.05, 0.05]
      let label = LabelAgreement(reference: scores, candidate: faulty ? [0.1, 0.2, 0.6, 0.05, 0.05] : scores)
      pair.add(input: input, observations: observations, label: label) { d in (d?.layer == "c" ? .localFault : .notChecked, nil) }
    }
    return pair
  }

  func test_PairAnalysis_localisesEveryDivergentInputAndRanksTheFaultyLayer() throws {
    let report = analysis().report
    XCTAssertEqual(report.inputs, 10)
    XCTAssertEqual(report.labelDifferenceRate, 0.5)
    XCTAssertEqual(report.localisedLayers, ["c": 5])
    XCTAssertTrue(report.divergentInputs.allSatisfy { $0.isolation == .localFault })
    // a and b never separate the groups; c and d do.
    let significant = report.suspicion.filter(\.significant).map(\.layer)
    XCTAssertEqual(Set(significant), ["c", "d"])
    XCTAssertEqual(report.layers.first { $0.layer == "a" }?.flaggedInputs, 0)
    XCTAssertEqual(report.layers.first { $0.layer == "c" }?.flaggedInputs, 5)
  }

  func test_DiffReport_jsonRoundTripsAndHTMLIsSelfContained() throws {
    let pair = analysis().report
    let report = DiffReport(source: "model.keras", forms: ["keras", "onnx"], preprocessing: "tf", inputs: (0..<10).map { "img\($0)" },
                            labelDifference: [[0, 0.5], [0.5, 0]], pairs: [pair], findings: ["c": ["epsilon 0.001 vs 1e-05"]])
    let decoded = try DiffReport.decode(report.jsonData())
    XCTAssertEqual(decoded.pairs, report.pairs)
    XCTAssertEqual(decoded.format, "deltann.report/1")
    let html = report.html
    XCTAssertTrue(html.contains("<svg"))
    XCTAssertTrue(html.contains("divergence starts at <b>c</b>"))
    XCTAssertFalse(html.contains("<script"), "the page needs no scripts")
    XCTAssertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no external resources")
    let nodeData = try JSONSerialization.jsonObject(with: ModelExplorerNodeData(pair: pair, tensors: ["c": "c_out"]).jsonData()) as? [String: Any]
    let results = try XCTUnwrap(nodeData?["results"] as? [String: Any])
    XCTAssertNotNil(results["c_out"])
    XCTAssertEqual(results.count, 4)
  }
}
