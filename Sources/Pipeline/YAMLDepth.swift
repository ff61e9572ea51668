/// A cheap scan of a YAML text's nesting before Yams parses it: Yams' parser recurses once per
/// level, so a file nested thousands deep would overflow the stack instead of failing.
/// Counts block levels (indentation steps and `- ` entries) and flow levels (`[`, `{` outside
/// quotes and comments) per line; the deepest point is compared with `limit`.
enum YAMLDepth {
  static let limit = 64

  /// The first line (1-based) whose nesting exceeds `limit`, with that depth; `nil` when none does.
  static func firstTooDeep(_ text: String, limit: Int = limit) -> (line: Int, depth: Int)? {
    var indents: [Int] = []
    var flow = 0
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = Array(raw.utf8)
      var i = line.prefix { $0 == UInt8(ascii: " ") }.count
      guard i < line.count, line[i] != UInt8(ascii: "#") else { continue }
      if flow == 0 {
        while let last = indents.last, last >= i { indents.removeLast() }
        indents.append(i)
      }
      var entries = 0
      while flow == 0, i + 1 < line.count, line[i] == UInt8(ascii: "-"), line[i + 1] == UInt8(ascii: " ") {
        entries += 1
        i += 2
        while i < line.count, line[i] == UInt8(ascii: " ") { i += 1 }
      }
      var quote: UInt8? = nil
      var deepest = flow
      while i < line.count {
        let c = line[i]
        if let q = quote {
          if c == q { quote = nil }
        } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
          quote = c
        } else if c == UInt8(ascii: "#"), i > 0, line[i - 1] == UInt8(ascii: " ") {
          break
        } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
          flow += 1
          deepest = max(deepest, flow)
        } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
          flow = max(flow - 1, 0)
        }
        i += 1
      }
      let depth = indents.count + entries + deepest
      if depth > limit { return (number + 1, depth) }
    }
    return nil
  }
}
