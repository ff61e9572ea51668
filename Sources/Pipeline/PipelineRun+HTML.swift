import Diff
import Foundation

/// An index page: one row per cell, one column per step, each cell linking to the step's report.
extension PipelineRun {
  /// The page, with links relative to `folder` (where the page is written).
  public func html(in folder: URL) -> String {
    let ids = cells.first?.steps.map(\.id) ?? []
    var h = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DeltaNN pipeline \(escapeHTML(name))</title>"
    h += "<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px}table{border-collapse:collapse}"
    h += "td,th{border:1px solid #ddd;padding:4px 8px;vertical-align:top}.passed{background:#e6f4ea}.flagged{background:#fef7e0}"
    h += ".failed{background:#fce8e6}.skipped{color:#999}pre{margin:0;font-size:12px;white-space:pre-wrap}</style></head><body>"
    h += "<h1>Pipeline \(escapeHTML(name))</h1><p>\(cells.count) cells · shard \(escapeHTML(shard)) · \(Self.formatVersion)</p>"
    h += "<table><tr><th>cell</th>" + ids.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>"
    for c in cells {
      h += "<tr><td>\(escapeHTML(c.cell.name.isEmpty ? "all" : c.cell.name))</td>"
      for s in c.steps {
        let link = s.outputs.first { $0.hasSuffix(".html") }.map { " <a href=\"\(escapeHTML(relativePath($0, to: folder)))\">report</a>" } ?? ""
        h += "<td class=\"\(s.status.rawValue)\"><b>\(s.status.rawValue)</b>\(link)<pre>\(escapeHTML(s.summary))</pre></td>"
      }
      h += "</tr>"
    }
    return h + "</table></body></html>\n"
  }
}

/// `path` relative to `folder` when it lies inside it (links of a page written there).
func relativePath(_ path: String, to folder: URL) -> String {
  let base = folder.standardizedFileURL.path + "/"
  let full = URL(fileURLWithPath: path).standardizedFileURL.path
  return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
}
