/// Supported op names close to a misspelt one, for "unsupported op" messages: at most `limit`
/// names within an edit distance of a third of the name's length (at least 2), closest first.
/// A whole list of supported ops helps nobody find the one they meant.
enum OpSuggestions {
  static func closest(to name: String, among supported: [String], limit: Int = 3) -> [String] {
    let target = Array(name.lowercased())
    let budget = max(2, target.count / 3)
    return supported
      .map { (name: $0, distance: distance(target, Array($0.lowercased()))) }
      .filter { $0.distance <= budget }
      .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
      .prefix(limit).map(\.name)
  }

  /// Levenshtein distance (insertions, deletions, substitutions), one row at a time.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
      var current = [i + 1] + Array(repeating: 0, count: b.count)
      for (j, cb) in b.enumerated() {
        current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
