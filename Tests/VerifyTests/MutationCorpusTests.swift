import Foundation
import Lowering
import ModelFormats
import ModelGraph
import TestSupport
import Verify
import XCTest

/// Correct conversions to mutate, each with its source and the converter that made it: the
/// golden models (tf2onnx / torch.onnx and ours) and the layer zoos of `Fixtures/`.
func correctConversions() throws -> [(name: String, converter: String, source: Graph, model: Model)] {
  var out: [(String, String, Graph, Model)] = []
  for c in try GoldenCase.all() {
    out.append((c.name + " peer", c.peerName, c.source, c.peer))
    for (label, m) in c.ours { out.append((c.name + " " + label, "deltann", c.source, m)) }
  }
  for (name, source, peer) in try LayerZooTests.zoos() {
    out.append((name + " ours", "deltann", source, try Lowering.lower(source)))
    if let peer { out.append((name + " peer", name.hasPrefix("keras") ? "tf2onnx" : "torch.onnx", source, peer)) }
  }
  return out
}

final class MutationCorpusTests: XCTestCase {
  func test_Verify_correctConversionIsEquivalentToItself() throws {
    for (name, _, _, model) in try correctConversions() {
      let report = try Verifier.verify(source: model.graph, candidate: model)
      XCTAssertEqual(report.verdict, .equivalent, "\(name): \(report.text())")
    }
  }

  /// Every fault injected into every correct conversion (deltann's, tf2onnx's, torch.onnx's),
  /// verified against the real source model. The layer a mutant concerns is recorded when it is
  /// injected, from the source's own naming (`SourceAttribution`), never from verify's map.
  func test_Verify_mutantsAreFlaggedOnTheRightLayer() throws {
    var table = ConfusionTable()
    for (name, converter, source, model) in try correctConversions() {
      let attribution = SourceAttribution(lowered: try Lowering.lower(source).graph, candidate: model.graph, converter: converter)
      for mutant in Mutations.corpus(from: model) {
        try table.verify(mutant, of: name, converter: converter, source: source, attribution: attribution)
      }
    }
    print(table.text())
    for m in table.misses.prefix(60) { print("  \(m)") }
    let t = table.totals
    XCTAssertGreaterThan(t.all, 500)
    XCTAssertGreaterThanOrEqual(Double(t.onLayer), 0.99 * Double(t.all), "found on the injected layer")
    XCTAssertGreaterThanOrEqual(Double(t.all - t.otherBlamed), 0.95 * Double(t.all), "no other layer blamed")
  }
}

/// Outcomes per converter and fault kind.
struct ConfusionTable {
  enum Outcome: String { case found, foundAlsoElsewhere, foundByNode, blamedOther, missed }
  var counts: [String: [FaultKind: [Outcome: Int]]] = [:]
  /// One line for every mutant not found on its layer alone.
  var misses: [String] = []

  /// Verifies `mutant` against the real source and counts the outcome. The layer it concerns
  /// is recorded when it is injected, from the source's own naming (`attribution`), never from
  /// verify's map.
  mutating func verify(_ mutant: Mutant, of name: String, converter: String, source: Graph, attribution: SourceAttribution) throws {
    let expected = attribution.layers(node: mutant.node, visibleAt: mutant.visibleAt)
      .map { mutant.fault == .head1001 ? $0.union(["<interface>"]) : $0 }
    let report = try Verifier.verify(source: source, candidate: mutant.model)
    let errors = report.findings.filter { $0.severity == .error }
    let outcome: Outcome
    if let expected {
      let onLayer = errors.filter { f in expected.contains { f.concerns($0) } }
      let elsewhere = errors.filter { f in !expected.contains { f.concerns($0) } }
      outcome = onLayer.isEmpty ? (elsewhere.isEmpty ? .missed : .blamedOther) : elsewhere.isEmpty ? .found : .foundAlsoElsewhere
    } else {
      // No source name to hold it to (a torch.onnx node the export renamed): the finding
      // must point at the mutated node itself.
      let named = errors.contains { !Set($0.nodes).isDisjoint(with: [mutant.node] + mutant.visibleAt) }
      outcome = named ? .foundByNode : errors.isEmpty ? .missed : .blamedOther
    }
    add(converter: converter, fault: mutant.fault, outcome)
    if ![.found, .foundByNode].contains(outcome) {
      misses.append("\(name) \(mutant.fault.rawValue) at \(mutant.node) → expected \(expected?.sorted() ?? ["node"]) (\(mutant.detail)): "
        + "\(outcome) " + errors.prefix(3).map { "\($0.kind.rawValue)@\($0.layer)" }.joined(separator: ", "))
    }
  }

  mutating func add(converter: String, fault: FaultKind, _ outcome: Outcome) {
    counts[converter, default: [:]][fault, default: [:]][outcome, default: 0] += 1
  }

  var totals: (all: Int, onLayer: Int, otherBlamed: Int) {
    var all = 0, on = 0, other = 0
    for row in counts.values.flatMap(\.values) {
      for (o, n) in row {
        all += n
        if [.found, .foundAlsoElsewhere, .foundByNode].contains(o) { on += n }
        if [.foundAlsoElsewhere, .blamedOther].contains(o) { other += n }
      }
    }
    return (all, on, other)
  }

  func text() -> String {
    let columns: [Outcome] = [.found, .foundAlsoElsewhere, .foundByNode, .blamedOther, .missed]
    let heads = ["on injected layer", "+ also elsewhere", "on node (no name)", "blamed other", "missed"]
    var lines = ["converter    fault                         " + heads.joined(separator: "  ")]
    for converter in counts.keys.sorted() {
      for fault in FaultKind.allCases {
        guard let row = counts[converter]?[fault] else { continue }
        let cells = zip(columns, heads).map { String(row[$0] ?? 0).padding(toLength: $1.count, withPad: " ", startingAt: 0) }
        lines.append(converter.padding(toLength: 13, withPad: " ", startingAt: 0)
          + fault.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0) + cells.joined(separator: "  "))
      }
    }
    let t = totals
    lines.append("mutants \(t.all): found on the injected layer \(t.onLayer) (\(percent(t.onLayer, t.all))), "
      + "another layer blamed in \(t.otherBlamed) (\(percent(t.otherBlamed, t.all)))")
    return lines.joined(separator: "\n")
  }

  private func percent(_ a: Int, _ b: Int) -> String { String(format: "%.1f %%", 100 * Double(a) / Double(max(b, 1))) }
}
