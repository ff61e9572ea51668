/// How values are spelled in TVMScript so that TVM's parser accepts them.
///
/// Identifiers: every character outside `[A-Za-z0-9_]` becomes `_`, a leading digit gets `v_`,
/// and Python keywords and the names the module itself uses (`R`, `T`, `I`, `Module`, `main`)
/// get a trailing `_`. Floats: the shortest text that reads back as the same `Float`; the
/// parser has no spelling for infinities, so ±∞ is written as ±`Float.greatestFiniteMagnitude`,
/// which no float32 comparison or clip can tell apart from ∞ (TVM's own printer writes
/// `R.const("-inf")`, which its parser rejects).
enum RelaxSpelling {
  static let reserved: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    "R", "T", "I", "Module", "main",
  ]

  /// A Python identifier made from `name`.
  static func identifier(_ name: String) -> String {
    var text = String(name.unicodeScalars.map { scalar -> Character in
      scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
        ? Character(scalar) : "_"
    })
    if text.isEmpty { text = "v" }
    if let first = text.first, first.isNumber { text = "v_" + text }
    return reserved.contains(text) ? text + "_" : text
  }

  /// `value` as a float literal the parser reads back as the same `Float`; `nil` for NaN.
  static func float(_ value: Float) -> String? {
    if value.isNaN { return nil }
    let finite = value.isInfinite ? (value < 0 ? -Float.greatestFiniteMagnitude : .greatestFiniteMagnitude) : value
    // The shortest Float text, except at the extremes, where the exact double keeps TVM's
    // float32 conversion from seeing a value above the largest float.
    return abs(finite) == .greatestFiniteMagnitude ? String(Double(finite)) : String(finite)
  }

  /// `[1, 2, 3]`.
  static func ints<S: Sequence>(_ values: S) -> String where S.Element: BinaryInteger {
    "[" + values.map { String($0) }.joined(separator: ", ") + "]"
  }

  /// `R.Tensor((1, 3, 24, 24), dtype="float32")`.
  static func tensorType(_ shape: [Int], _ dtype: String) -> String {
    let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
    return "R.Tensor((\(dims)), dtype=\"\(dtype)\")"
  }
}
