import Foundation

/// Human-readable forms of a report: the verdict first, findings grouped by source layer, then
/// rewrites; and the node map as a table.
extension VerifyReport {
  /// At most `limit` layers of findings are printed; the rest are counted (the JSON has all).
  public func text(limit: Int = 25) -> String {
    var lines = ["verdict: \(verdict.rawValue)", summary]
    let order = nodeMap.map(\.layer)
    let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let groups = Dictionary(grouping: findings, by: \.layer)
      .sorted { (rank[$0.key] ?? -1, $0.key) < (rank[$1.key] ?? -1, $1.key) }
    if !groups.isEmpty {
      lines.append("")
      lines.append("findings (\(findings.count), by source layer):")
      for (layer, items) in groups.prefix(limit) {
        lines.append("  \(items.first { $0.group != nil }?.layerDescription ?? layer)")
        for f in items.sorted(by: { $0.severity > $1.severity }) {
          let nodes = f.nodes.isEmpty ? "" : "  [" + f.nodes.prefix(3).joined(separator: ", ") + (f.nodes.count > 3 ? ", …" : "") + "]"
          lines.append("    \(f.severity.rawValue) \(f.kind.rawValue): \(f.message)\(nodes)")
        }
      }
      if groups.count > limit { lines.append("  … and \(groups.count - limit) more layers with findings (see --json)") }
    }
    if !rewrites.isEmpty {
      lines.append("")
      lines.append("rewrites (\(rewrites.count), meaning kept; * = only another spelling of the layer):")
      let byKind = Dictionary(grouping: rewrites, by: \.kind).sorted { $0.key.rawValue < $1.key.rawValue }
      for (kind, items) in byKind {
        let layers = items.flatMap(\.layers)
        lines.append("  \(kind.rawValue)\(kind.changesStructure ? "" : "*") ×\(items.count): " + layers.prefix(6).joined(separator: ", ") + (layers.count > 6 ? ", …" : ""))
      }
    }
    let methods = statistics.methods.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    lines.append("")
    lines.append("map: \(statistics.mappedLayers)/\(statistics.sourceLayers) source layers mapped onto \(statistics.candidateNodes) candidate nodes (\(methods)); \(String(format: "%.2f", statistics.seconds)) s")
    return lines.joined(separator: "\n")
  }

  /// The node map as an aligned table: source layer ↔ candidate nodes, method, confidence.
  public func mapTable() -> String {
    let rows: [[String]] = nodeMap.flatMap { m -> [[String]] in
      if m.targets.isEmpty { return [[m.layer, m.sourceOp, "—", "", "unmatched", ""]] }
      return m.targets.enumerated().map { i, t in
        [i == 0 ? m.layer : "", i == 0 ? m.sourceOp : "", t.node, t.opType, t.method.rawValue, String(format: "%.2f", t.confidence)]
      }
    }
    let header = ["source layer", "source op", "candidate node", "op", "method", "confidence"]
    let widths = (0..<header.count).map { c in min(60, ([header] + rows).map { $0[c].count }.max() ?? 0) }
    func line(_ r: [String]) -> String {
      r.enumerated().map { c, v in v.padding(toLength: max(widths[c], v.count), withPad: " ", startingAt: 0) }
        .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  /// Versioned JSON of the whole report.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }

  /// The node map alone as JSON (`schema`, `layers`).
  public func mapJSONData() throws -> Data {
    struct MapFile: Encodable {
      var schema = "deltann.verify.map/1"
      var source: String
      var candidate: String
      var layers: [LayerMapping]
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(MapFile(source: source, candidate: candidate, layers: nodeMap))
  }
}
