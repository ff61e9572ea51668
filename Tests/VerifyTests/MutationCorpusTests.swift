import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import Verify
import XCTest

/// Correct conversions to mutate: golden/'s peer conversions, plus any `.onnx` in the folder
/// named by `DELTANN_VERIFY_MODELS` (extra local models, not needed for CI).
func correctConversions() -> [(name: String, model: Model)] {
  var urls: [URL] = []
  let golden = packageRoot.appendingPathComponent("golden")
  if let walker = FileManager.default.enumerator(at: golden, includingPropertiesForKeys: nil) {
    for case let url as URL in walker where url.pathExtension == "onnx" { urls.append(url) }
  }
  if let extra = ProcessInfo.processInfo.environment["DELTANN_VERIFY_MODELS"],
    let files = try? FileManager.default.contentsOfDirectory(atPath: extra)
  {
    urls += files.filter { $0.hasSuffix(".onnx") }.map { URL(fileURLWithPath: extra).appendingPathComponent($0) }
  }
  return urls.sorted { $0.path < $1.path }.compactMap { url in
    (try? ONNXFile.read(url)).map { (url.path.replacingOccurrences(of: packageRoot.path + "/", with: ""), $0) }
  }
}

final class MutationCorpusTests: XCTestCase {
  func test_Verify_correctConversionIsEquivalentToItself() throws {
    let models = correctConversions()
    try XCTSkipIf(models.isEmpty, "no ONNX models in golden/ yet")
    for (name, model) in models {
      let report = try Verifier.verify(source: model.graph, candidate: model)
      XCTAssertEqual(report.verdict, .equivalent, "\(name): \(report.text())")
    }
  }

  /// Every fault injected into every correct conversion of every golden model (the peer's and
  /// ours), verified against the real source model; plus ONNX-vs-ONNX on the extra models.
  func test_Verify_mutantsAreFlaggedOnTheRightLayer() throws {
    var pairs: [(name: String, source: Graph, model: Model)] = []
    for c in GoldenCase.all() {
      pairs.append((c.name + " peer", c.source, c.peer))
      for (label, m) in c.ours { pairs.append((c.name + " " + label, c.source, m)) }
    }
    for (name, model) in correctConversions() where !name.hasPrefix("golden/") { pairs.append((name, model.graph, model)) }
    try XCTSkipIf(pairs.isEmpty, "no golden models")
    var confusion: [FaultKind: [String: Int]] = [:]
    var total = 0, hits = 0
    var misses: [String] = []
    for (name, source, model) in pairs {
      // Which source layer each candidate node implements, from the unmutated conversion.
      var layerOf: [String: String] = [:]
      for mapping in try Verifier.verify(source: source, candidate: model).nodeMap {
        for t in mapping.targets where layerOf[t.node] == nil { layerOf[t.node] = mapping.layer }
      }
      for mutant in Mutations.corpus(from: model) {
        let expectedLayer = layerOf[mutant.node] ?? mutant.layer
        let report = try Verifier.verify(source: source, candidate: mutant.model)
        total += 1
        let onLayer = report.findings.filter {
          $0.layer == expectedLayer || $0.nodes.contains(mutant.node) || !Set($0.nodes).isDisjoint(with: mutant.visibleAt)
        }
        let kinds = Set(onLayer.filter { $0.severity == .error }.map(\.kind))
        let hit = report.verdict == .notEquivalent && kinds.contains(mutant.fault.expectedFinding)
        if hit { hits += 1 } else {
          misses.append("\(name) \(mutant.fault.rawValue) at \(mutant.node) (\(mutant.detail)): \(report.verdict.rawValue); " +
                        report.findings.prefix(3).map { "\($0.kind.rawValue)@\($0.layer) \($0.nodes.prefix(2))" }.joined(separator: ", "))
        }
        let column = hit ? mutant.fault.expectedFinding.rawValue
          : (report.findings.first { $0.severity == .error }?.kind.rawValue ?? "none")
        confusion[mutant.fault, default: [:]][column, default: 0] += 1
      }
    }
    print(confusionTable(confusion))
    print("mutants: \(total) from \(pairs.count) correct conversions; flagged not equivalent with the right kind on the right layer: \(hits) (\(String(format: "%.1f", 100 * Double(hits) / Double(max(total, 1))))%)")
    for m in misses.prefix(40) { print("  miss: \(m)") }
    XCTAssertGreaterThanOrEqual(Double(hits), 0.95 * Double(total))
  }
}

/// Fault kind × finding kind counts (the finding kind counted is the expected one when raised
/// on the right layer, else the first error's kind).
func confusionTable(_ confusion: [FaultKind: [String: Int]]) -> String {
  let columns = FindingKind.allCases.map(\.rawValue) + ["none"]
  let used = columns.filter { c in confusion.values.contains { ($0[c] ?? 0) > 0 } }
  let width = FaultKind.allCases.map(\.rawValue.count).max() ?? 20
  var lines = ["fault \\ finding".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + used.joined(separator: "  ")]
  for fault in FaultKind.allCases {
    guard let row = confusion[fault] else { continue }
    let cells = used.map { c in String(row[c] ?? 0).padding(toLength: c.count, withPad: " ", startingAt: 0) }
    lines.append(fault.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + cells.joined(separator: "  "))
  }
  return lines.joined(separator: "\n")
}
