import Diff
import Foundation

/// `study.html`: each label-difference matrix as a heat map (top-1 %, with top-5 % and mean τ in
/// each square), and the latency table with a bar from min to p95 around the median.
extension StudyReport {
  public func html() -> String {
    var h = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DeltaNN study \(escapeHTML(name))</title><style>"
    h += "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}"
    h += "td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}th{background:#f6f6f6}td small{color:#555;display:block}"
    h += ".bar{position:relative;width:240px;height:12px;background:#f2f2f2}.bar span{position:absolute;top:3px;height:6px;background:#7aa7d6}"
    h += ".bar i{position:absolute;top:0;width:2px;height:12px;background:#1f4e79}</style></head><body>"
    h += "<h1>Study \(escapeHTML(name))</h1><p>Label differences: row = reference, column = candidate; "
    h += "the share of inputs whose top-1 label differs (green: none; red: some, deeper for more), top-5 set differs, and the mean Kendall τ of the reference's top-5.</p>"
    for m in matrices {
      let envs = m.matrix.environments
      h += "<h2>\(escapeHTML(m.cell)) · \(escapeHTML(m.step))</h2><table><tr><th></th>" + envs.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>"
      for a in envs {
        h += "<tr><th>\(escapeHTML(a))</th>"
        for b in envs {
          guard let p = m.matrix.pair(a, b) else { h += "<td>—</td>"; continue }
          // Agreement is green; any label difference is red, deeper the more inputs differ.
          let shade = p.top1DifferenceRate == 0 ? "rgba(44,160,44,0.12)"
            : String(format: "rgba(214,39,40,%.2f)", 0.2 + 0.7 * p.top1DifferenceRate)
          h += "<td style=\"background:\(shade)\">\(percent(p.top1DifferenceRate))<small>top-5 \(percent(p.top5DifferenceRate))"
          h += " · τ \(String(format: "%.2f", p.meanKendallTau))\(p.backgroundClassDropped ? " · 1001→1000" : "")</small></td>"
        }
        h += "</tr>"
      }
      h += "</table>"
    }
    if !timings.isEmpty {
      let top = timings.map(\.p95).filter(\.isFinite).max() ?? 1
      let x = { (v: Double) in String(format: "%.0f", 240 * (v.isFinite ? v : 0) / max(top, 1e-9)) }
      h += "<h2>Time per input</h2><table><tr><th>cell</th><th>step</th><th>environment</th><th>median ms</th><th>min</th><th>p95</th><th>min · median · p95</th></tr>"
      for t in timings {
        h += "<tr><td>\(escapeHTML(t.cell))</td><td>\(escapeHTML(t.step))</td><td>\(escapeHTML(t.version))</td>"
        h += [t.median, t.min, t.p95].map { "<td>\(String(format: "%.3f", $0))</td>" }.joined()
        let width = String(format: "%.0f", max(1, 240 * ((t.p95 - t.min).isFinite ? t.p95 - t.min : 0) / max(top, 1e-9)))
        h += "<td><div class=\"bar\"><span style=\"left:\(x(t.min))px;width:\(width)px\"></span><i style=\"left:\(x(t.median))px\"></i></div></td></tr>"
      }
      h += "</table>"
    }
    return h + "</body></html>\n"
  }

  private func percent(_ rate: Double) -> String { String(format: "%.0f %%", 100 * rate) }
}
