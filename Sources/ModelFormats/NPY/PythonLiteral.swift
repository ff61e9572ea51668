import ModelGraph
/// The subset of Python literals an .npy header uses: a dict of strings, booleans, integers,
/// tuples (or lists) and None. numpy writes it with `repr`, other writers vary spacing, quotes,
/// trailing commas and (Python 2) `3L` integers; all of that is accepted.
enum PythonLiteral {
  case string(String)
  case bool(Bool)
  case int(Int)
  case tuple([PythonLiteral])
  case none
  case dict([DictItem])

  struct DictItem {
    var key: String
    var value: PythonLiteral
  }

  /// Parses one literal filling all of `text` (surrounding whitespace allowed).
  /// Throws a sentence naming the offset and what was expected.
  static func parse(_ text: String) throws(LiteralError) -> PythonLiteral {
    var parser = LiteralParser(Array(text.unicodeScalars))
    let value = try parser.value()
    parser.skipSpace()
    guard parser.atEnd else { throw parser.failure("end of header") }
    return value
  }
}

struct LiteralError: Error {
  var reason: String
}

private struct LiteralParser {
  let scalars: [Unicode.Scalar]
  var at = 0

  init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

  var atEnd: Bool { at >= scalars.count }
  var next: Unicode.Scalar? { atEnd ? nil : scalars[at] }

  func failure(_ expected: String) -> LiteralError {
    let found = next.map { "'\($0)'" } ?? "the end"
    return LiteralError(reason: "expected \(expected) at offset \(at), found \(found)")
  }

  mutating func skipSpace() {
    while let c = next, c == " " || c == "\t" || c == "\n" || c == "\r" { at += 1 }
  }

  mutating func value() throws(LiteralError) -> PythonLiteral {
    skipSpace()
    switch next {
    case "{": return try dict()
    case "(": return .tuple(try sequence(closing: ")"))
    case "[": return .tuple(try sequence(closing: "]"))
    case "'", "\"": return .string(try string())
    case let c? where c == "-" || c == "+" || ("0"..."9").contains(c): return .int(try integer())
    case let c? where c.properties.isAlphabetic: return try word()
    default: throw failure("a value")
    }
  }

  mutating func dict() throws(LiteralError) -> PythonLiteral {
    at += 1
    var items: [PythonLiteral.DictItem] = []
    while true {
      skipSpace()
      if next == "}" { at += 1; return .dict(items) }
      guard next == "'" || next == "\"" else { throw failure("a quoted key or '}'") }
      let key = try string()
      skipSpace()
      guard next == ":" else { throw failure("':'") }
      at += 1
      items.append(PythonLiteral.DictItem(key: key, value: try value()))
      skipSpace()
      if next == "," { at += 1 } else if next != "}" { throw failure("',' or '}'") }
    }
  }

  mutating func sequence(closing: Unicode.Scalar) throws(LiteralError) -> [PythonLiteral] {
    at += 1
    var items: [PythonLiteral] = []
    while true {
      skipSpace()
      if next == closing { at += 1; return items }
      items.append(try value())
      skipSpace()
      if next == "," { at += 1 } else if next != closing { throw failure("',' or '\(closing)'") }
    }
  }

  mutating func string() throws(LiteralError) -> String {
    guard let quote = next else { throw failure("a string") }
    at += 1
    var out = String.UnicodeScalarView()
    while let c = next, c != quote {
      at += 1
      if c == "\\" {
        guard let escaped = next else { break }
        at += 1
        out.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
      } else {
        out.append(c)
      }
    }
    guard next == quote else { throw failure("a closing \(quote)") }
    at += 1
    return String(out)
  }

  mutating func integer() throws(LiteralError) -> Int {
    let start = at
    if next == "-" || next == "+" { at += 1 }
    while let c = next, ("0"..."9").contains(c) { at += 1 }
    let digits = String(String.UnicodeScalarView(scalars[start..<at]))
    guard let n = Int(digits) else {
      at = start
      throw failure("an integer that fits in 64 bits")
    }
    if next == "L" || next == "l" { at += 1 }  // Python 2 long literal
    return n
  }

  mutating func word() throws(LiteralError) -> PythonLiteral {
    let start = at
    while let c = next, c.properties.isAlphabetic { at += 1 }
    switch String(String.UnicodeScalarView(scalars[start..<at])) {
    case "True": return .bool(true)
    case "False": return .bool(false)
    case "None": return .none
    default:
      at = start
      throw failure("True, False or None")
    }
  }
}
