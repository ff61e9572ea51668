import Foundation

/// The report as one self-contained HTML page: summary, label matrix, error-along-depth plots,
/// localised layers with their evidence, suspiciousness ranking and verify findings.
extension DiffReport {
  public var html: String {
    var h = """
      <!doctype html><html lang="en"><head><meta charset="utf-8">
      <title>DeltaNN report: \(escapeHTML(source))</title><style>\(Self.css)</style></head><body>
      <h1>DeltaNN report</h1>
      <p class="meta">Source <b>\(escapeHTML(source))</b> · \(inputs.count) inputs · forms: \(forms.map(escapeHTML).joined(separator: ", "))\(preprocessing.map { " · preprocessing <b>\(escapeHTML($0))</b>" } ?? "") · \(escapeHTML(created)) · \(Self.formatVersion)</p>
      """
    h += "<h2>Summary</h2><ul>"
    for p in pairs {
      let verdict = p.divergentInputs.isEmpty ? "<span class=ok>labels agree</span>" : "<span class=bad>\(percent(p.labelDifferenceRate)) of labels differ</span>"
      let at = p.firstDivergentLayer.map {
        " — divergence starts at <b>\(escapeHTML($0.layer))</b> (\($0.count) of \($0.of) \($0.labelChanged ? "label-divergent" : "numerically divergent") inputs; \(p.isolation(at: $0.layer)?.rawValue ?? "")) "
      } ?? ""
      h += "<li>\(escapeHTML(p.candidate)) vs \(escapeHTML(p.reference)): \(verdict)\(at)</li>"
    }
    h += "</ul>" + labelMatrixHTML
    for p in pairs { h += pairHTML(p) }
    if !findings.isEmpty {
      h += "<h2>Verify findings</h2><table><tr><th>layer</th><th>finding</th></tr>"
      for layer in findings.keys.sorted() {
        for f in findings[layer] ?? [] { h += "<tr><td>\(escapeHTML(layer))</td><td>\(escapeHTML(f))</td></tr>" }
      }
      h += "</table>"
    }
    return h + "</body></html>\n"
  }

  private var labelMatrixHTML: String {
    guard forms.count > 1 else { return "" }
    var h = "<h2>Top-1 label difference between forms</h2><table class=matrix><tr><th></th>"
    h += forms.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>"
    for (i, row) in labelDifference.enumerated() {
      h += "<tr><th>\(escapeHTML(forms[i]))</th>"
      h += row.map { "<td class=\($0 > 0 ? "bad" : "ok")>\(percent($0))</td>" }.joined() + "</tr>"
    }
    return h + "</table>"
  }

  private func pairHTML(_ p: PairReport) -> String {
    let threshold: Float = if case .rangeRelative(let m) = p.policy { m } else { Comparison.defaultThreshold }
    let plot = ErrorPlot(
      title: "\(p.candidate) vs \(p.reference): worst range-relative error per layer",
      points: p.layers.map { ($0.layer, $0.worstRangeRelative) }, threshold: threshold,
      marked: p.firstDivergentLayer?.layer)
    var h = "<h2>\(escapeHTML(p.candidate)) vs \(escapeHTML(p.reference))</h2>"
    h += "<p>\(p.inputs) inputs · top-1 differs on \(percent(p.labelDifferenceRate)) · top-5 agrees on \(percent(p.top5AgreementRate)) · mean Kendall τ (top-5) \(formatNumber(p.meanKendallTau))</p>"
    h += plot.svg
    for (title, rows) in [("Label-divergent inputs", p.divergentInputs), ("Inputs whose label held but whose layers diverged", p.numericallyDivergentInputs)] where !rows.isEmpty {
      h += "<h3>\(title)</h3><table><tr><th>input</th><th>labels (ref → cand)</th><th>first divergent layer</th><th>reason</th><th>error / input error</th><th>isolation</th><th>cause</th></tr>"
      for d in rows {
        let name = d.input < inputs.count ? inputs[d.input] : "#\(d.input)"
        let dv = d.divergence
        h += "<tr><td>\(escapeHTML(name))</td><td>\(d.label.referenceTop1) → \(d.label.candidateTop1)</td><td><b>\(escapeHTML(dv?.layer ?? "—"))</b></td><td>\(dv?.reason.rawValue ?? "—")</td>"
        h += "<td>\(dv.map { "\(formatNumber(Double($0.error))) / \(formatNumber(Double($0.inputError)))" } ?? "—")</td><td>\(d.isolation.rawValue)</td><td>\(escapeHTML(d.cause ?? ""))</td></tr>"
      }
      h += "</table>"
    }
    let suspicious = p.suspicion.filter(\.significant).prefix(10)
    if !suspicious.isEmpty {
      h += "<h3>Suspicious layers (Kruskal–Wallis, p &lt; 0.05)</h3><table><tr><th>layer</th><th>H</th><th>p</th></tr>"
      h += suspicious.map { "<tr><td>\(escapeHTML($0.layer))</td><td>\(formatNumber($0.h))</td><td>\(formatNumber($0.p))</td></tr>" }.joined()
      h += "</table>"
    }
    let flagged = p.layers.filter { $0.flaggedInputs > 0 }.prefix(15)
    h += "<h3>Layers out of tolerance (\(p.layers.filter { $0.flaggedInputs > 0 }.count) of \(p.layers.count))</h3>"
    if !flagged.isEmpty {
      h += "<table><tr><th>depth</th><th>layer</th><th>op</th><th>max-abs</th><th>range-relative</th><th>rel-L2</th><th>cosine</th><th>inputs flagged</th></tr>"
      for l in flagged {
        h += "<tr><td>\(l.depth)</td><td>\(escapeHTML(l.layer))</td><td>\(escapeHTML(l.op))</td><td>\(formatNumber(Double(l.worstMaxAbs)))</td><td>\(formatNumber(Double(l.worstRangeRelative)))</td><td>\(formatNumber(Double(l.meanRelativeL2)))</td><td>\(formatNumber(Double(l.minCosine)))</td><td>\(l.flaggedInputs)/\(l.inputs)</td></tr>"
      }
      h += "</table>"
    }
    if !p.unaligned.isEmpty {
      h += "<p class=meta>Unaligned tensors (\(p.unaligned.count)): \(p.unaligned.prefix(30).map(escapeHTML).joined(separator: ", "))</p>"
    }
    return h
  }

  private static let css = """
    body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:980px;color:#222}
    h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ddd}
    table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
    .ok{color:#176d2c}.bad{color:#b00020;font-weight:600}.meta{color:#666}
    .plot{width:100%;height:auto;background:#fafafa;border:1px solid #eee}
    .plot .line{fill:none;stroke:#3367d6;stroke-width:1.5}.plot .grid{stroke:#e6e6e6}
    .plot .threshold{stroke:#e8710a;stroke-dasharray:5 4}.plot .dot{fill:#3367d6}
    .plot .over{fill:#e8710a}.plot .marked{fill:#b00020}.plot .tick{font-size:10px;fill:#666}
    .plot .plot-title{font-size:12px;fill:#333}
    """
}

private func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

private func formatNumber(_ x: Double) -> String {
  guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
  return abs(x) >= 1e-3 && abs(x) < 1e4 || x == 0 ? String(format: "%.4g", x) : String(format: "%.2e", x)
}
