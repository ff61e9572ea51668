#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An SVG line plot of per-layer error along depth, on a log scale, with the tolerance line and
/// the localised layer marked. Self-contained: no scripts, no external fonts.
struct ErrorPlot {
  var title: String
  /// (layer name, error) in topological order.
  var points: [(layer: String, error: Float)]
  var threshold: Float
  var marked: String?

  private let width = 760.0, height = 260.0, left = 60.0, right = 16.0, top = 28.0, bottom = 40.0
  private let floorExponent = -9.0

  init(title: String, points: [(layer: String, error: Float)], threshold: Float, marked: String?) {
    self.title = title
    self.points = points
    self.threshold = threshold
    self.marked = marked
  }

  private func y(_ e: Float) -> Double {
    let ceiling = max(0, ceil(log10(Double(points.map(\.error).filter(\.isFinite).max() ?? 1))))
    let v = min(max(log10(max(Double(e.isFinite ? e : Float.greatestFiniteMagnitude), 1e-12)), floorExponent), ceiling)
    return top + (ceiling - v) / (ceiling - floorExponent) * (height - top - bottom)
  }

  private func x(_ i: Int) -> Double {
    left + Double(i) / Double(max(points.count - 1, 1)) * (width - left - right)
  }

  var svg: String {
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" class=\"plot\" role=\"img\">"
    s += "<title>\(escapeHTML(title))</title>"
    s += "<text x=\"\(left)\" y=\"18\" class=\"plot-title\">\(escapeHTML(title))</text>"
    let ceiling = max(0, ceil(log10(Double(points.map(\.error).filter(\.isFinite).max() ?? 1))))
    var exponent = floorExponent
    while exponent <= ceiling {
      let py = top + (ceiling - exponent) / (ceiling - floorExponent) * (height - top - bottom)
      s += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(py)\" y2=\"\(py)\" class=\"grid\"/>"
      s += "<text x=\"\(left - 6)\" y=\"\(py + 4)\" text-anchor=\"end\" class=\"tick\">1e\(Int(exponent))</text>"
      exponent += 3
    }
    let ty = y(threshold)
    s += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(ty)\" y2=\"\(ty)\" class=\"threshold\"><title>tolerance \(threshold)</title></line>"
    let path = points.indices.map { "\($0 == 0 ? "M" : "L")\(x($0)),\(y(points[$0].error))" }.joined(separator: " ")
    s += "<path d=\"\(path)\" class=\"line\"/>"
    for (i, p) in points.enumerated() {
      let cls = p.layer == marked ? "dot marked" : (p.error > threshold ? "dot over" : "dot")
      s += "<circle cx=\"\(x(i))\" cy=\"\(y(p.error))\" r=\"\(p.layer == marked ? 6 : 2.5)\" class=\"\(cls)\"><title>\(escapeHTML(p.layer)): \(p.error)</title></circle>"
    }
    s += "<text x=\"\((left + width) / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\" class=\"tick\">layer depth (topological order) →</text>"
    return s + "</svg>"
  }
}

/// Escapes text for HTML and SVG content and attributes.
public func escapeHTML(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.count)
  for c in s {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.append(c)
    }
  }
  return out
}
