import Diff
import Foundation

/// `study.html`: first the seeds' two tables — each environment's top-1 label difference against
/// the source framework, and its time per photograph, by model — then each label-difference
/// matrix as a heat map (top-1 %, with top-5 % and mean τ in each square, and links to the
/// localisation reports), the time table with error bars from min to p95 around the median, and
/// the steps that failed.
extension StudyReport {
  /// The page, with links relative to `folder` (where the page is written).
  public func html(in folder: URL) -> String {
    var h = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DeltaNN study \(escapeHTML(name))</title><style>"
    h += "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}"
    h += "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}"
    h += "th{background:#f6f6f6}td small,th small{color:#444;display:block;font-size:11px;font-weight:normal}td a{font-size:11px}"
    h += ".bar{position:relative;width:160px;height:12px;background:#f2f2f2;display:inline-block;vertical-align:middle;margin-left:6px}"
    h += ".bar span{position:absolute;top:3px;height:6px;background:#7aa7d6}.bar i{position:absolute;top:0;width:2px;height:12px;background:#1f4e79}"
    h += "h2{margin-top:1.6em}.note{color:#555;max-width:900px}.failed{background:#fce8e6;text-align:left}</style></head><body>"
    h += "<h1>Differential study: \(escapeHTML(name))</h1>"
    h += summaryTables(folder)
    h += "<h2>Label-difference matrices</h2><p class=\"note\">Row = reference, column = candidate: the share of photographs whose top-1 label "
    h += "differs (green: none; red: some, deeper for more), whose top-5 set differs, and the mean Kendall τ of the reference's top-5 "
    h += "in the candidate's order. 1001→1000: a background class was dropped to line the classes up. "
    h += "A disagreeing environment links to its localisation against the source.</p>"
    for m in matrices { h += heatMap(m, folder) }
    h += timeTable()
    if let failures, !failures.isEmpty {
      h += "<h2>Steps that failed</h2><p class=\"note\">Findings of their cells: the other steps ran.</p><table class=\"failures\">"
      h += "<tr><th>cell</th><th>step</th><th>problem</th></tr>"
      for f in failures {
        h += "<tr><td>\(escapeHTML(f.cell))</td><td>\(escapeHTML(f.step))</td><td class=\"failed\">\(escapeHTML(String(f.problem.prefix(600))))</td></tr>"
      }
      h += "</table>"
    }
    return h + "</body></html>\n"
  }

  /// Environments × cells: top-1 difference against the source, and median time per photograph
  /// with its ratio to the source's.
  private func summaryTables(_ folder: URL) -> String {
    let cells = orderedUnique(matrices.map(\.cell))
    guard matrices.contains(where: { $0.source != nil }) else { return "" }
    var h = "<h2>Top-1 label differences against the source framework</h2><p class=\"note\">The share of photographs whose "
    h += "top-1 label differs from the source framework's, by model; a difference links to the localisation of its environment.</p>"
    h += "<table class=\"summary\"><tr><th>compare · environment</th>" + cells.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>"
    for step in orderedUnique(matrices.map(\.step)) {
      let ms = matrices.filter { $0.step == step }
      guard let source = ms.first?.source else { continue }
      for env in orderedUnique(ms.flatMap(\.matrix.environments)) where env != source {
        h += "<tr><th>\(escapeHTML(step)) · \(escapeHTML(env))</th>"
        for cell in cells {
          guard let m = ms.first(where: { $0.cell == cell }), let p = m.matrix.pair(source, env) else { h += "<td>—</td>"; continue }
          h += "<td class=\"heat\" style=\"background:\(shade(p.top1DifferenceRate))\">\(percent(p.top1DifferenceRate))\(link(m, env, folder))</td>"
        }
        h += "</tr>"
      }
    }
    return h + "</table>"
  }

  private func heatMap(_ m: Matrix, _ folder: URL) -> String {
    let envs = m.matrix.environments
    var h = "<h3>\(escapeHTML(m.cell)) · \(escapeHTML(m.step))</h3><table class=\"matrix\"><tr><th></th>"
    h += envs.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>"
    for a in envs {
      h += "<tr><th>\(escapeHTML(a))</th>"
      for b in envs {
        guard let p = m.matrix.pair(a, b) else { h += "<td>—</td>"; continue }
        let links = p.top1DifferenceRate > 0 ? link(m, a, folder) + link(m, b, folder) : ""
        h += "<td class=\"heat\" style=\"background:\(shade(p.top1DifferenceRate))\">\(percent(p.top1DifferenceRate))<small>top-5 \(percent(p.top5DifferenceRate))"
        h += " · τ \(String(format: "%.2f", p.meanKendallTau))\(p.backgroundClassDropped ? " · 1001→1000" : "")\(p.nonFiniteInputs > 0 ? " · \(p.nonFiniteInputs) NaN/∞" : "")</small>\(links)</td>"
      }
      h += "</tr>"
    }
    return h + "</table>"
  }

  /// Environments × cells: median ms per photograph with a bar from min to p95.
  private func timeTable() -> String {
    guard !timings.isEmpty else { return "" }
    let cells = orderedUnique(timings.map(\.cell))
    var h = "<h2>Time per photograph</h2><p class=\"note\">Median milliseconds (one thread, batch 1); the bar spans min to p95 "
    h += "and the dark mark is the median, on one scale per column.</p><table class=\"times\"><tr><th>run · version</th>"
    h += cells.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>"
    for step in orderedUnique(timings.map(\.step)) {
      let version = timings.first { $0.step == step }?.version ?? ""
      h += "<tr><th>\(escapeHTML(step))<small>\(escapeHTML(version))</small></th>"
      for cell in cells {
        guard let t = timings.first(where: { $0.step == step && $0.cell == cell }) else { h += "<td>—</td>"; continue }
        let top = timings.filter { $0.cell == cell }.map(\.p95).filter(\.isFinite).max() ?? 1
        let x = { (v: Double) in String(format: "%.0f", 160 * (v.isFinite ? v : 0) / max(top, 1e-9)) }
        let width = String(format: "%.0f", max(1, 160 * ((t.p95 - t.min).isFinite ? t.p95 - t.min : 0) / max(top, 1e-9)))
        h += "<td>\(String(format: "%.1f", t.median))<span class=\"bar\" title=\"min \(String(format: "%.2f", t.min)) · median "
        h += "\(String(format: "%.2f", t.median)) · p95 \(String(format: "%.2f", t.p95)) ms\"><span style=\"left:\(x(t.min))px;width:\(width)px\"></span>"
        h += "<i style=\"left:\(x(t.median))px\"></i></span></td>"
      }
      h += "</tr>"
    }
    return h + "</table>"
  }

  /// The link to `env`'s localisation report in `m`, or why it has none.
  private func link(_ m: Matrix, _ env: String, _ folder: URL) -> String {
    if let page = m.localizations?[env] { return " <a href=\"\(escapeHTML(relativePath(page, to: folder)))\">localisation of \(escapeHTML(env))</a>" }
    if let why = m.notLocalized?[env] { return " <small title=\"\(escapeHTML(why))\">\(escapeHTML(env)) not localised</small>" }
    return ""
  }

  /// Agreement is green; any label difference is red, deeper the more inputs differ.
  private func shade(_ rate: Double) -> String {
    rate == 0 ? "rgba(44,160,44,0.15)" : String(format: "rgba(214,39,40,%.2f)", 0.2 + 0.7 * rate)
  }

  private func percent(_ rate: Double) -> String { String(format: "%.0f %%", 100 * rate) }

  private func orderedUnique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
  }
}
