import Foundation
import ModelFormats

/// A small JSON reader over UTF-8 bytes into `JSON`. Foundation's `JSONDecoder` spends
/// most of a `.pt2` import decoding model.json (≈ 0.8 s for ResNet101's 1 MB); this takes a
/// few milliseconds. Accepts RFC 8259 JSON; failures name the byte offset.
struct JSONParser {
  private let bytes: UnsafeRawBufferPointer
  private var at = 0

  static func parse(_ data: Data) throws(JSONParseFailure) -> JSON {
    try data.withUnsafeBytes { raw in Result { () throws(JSONParseFailure) -> JSON in
      var parser = JSONParser(bytes: raw)
      let value = try parser.value(depth: 0)
      parser.skipSpace()
      guard parser.at == raw.count else { throw parser.failure("end of input") }
      return value
    } }.get()
  }

  private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  private func failure(_ expected: String) -> JSONParseFailure { JSONParseFailure(offset: at, expected: expected) }

  private var current: UInt8? { at < bytes.count ? bytes[at] : nil }

  private mutating func skipSpace() {
    while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { at += 1 }
  }

  private mutating func expect(_ literal: String) throws(JSONParseFailure) {
    for c in literal.utf8 {
      guard current == c else { throw failure("'\(literal)'") }
      at += 1
    }
  }

  private mutating func value(depth: Int) throws(JSONParseFailure) -> JSON {
    guard depth < 512 else { throw failure("nesting under 512 levels") }
    skipSpace()
    switch current {
    case UInt8(ascii: "{"):
      at += 1
      var fields: [String: JSON] = [:]
      skipSpace()
      if current == UInt8(ascii: "}") { at += 1; return .object(fields) }
      while true {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { throw failure("a field name") }
        let key = try string()
        skipSpace()
        guard current == UInt8(ascii: ":") else { throw failure("':'") }
        at += 1
        fields[key] = try value(depth: depth + 1)
        skipSpace()
        if current == UInt8(ascii: ",") { at += 1; continue }
        guard current == UInt8(ascii: "}") else { throw failure("',' or '}'") }
        at += 1
        return .object(fields)
      }
    case UInt8(ascii: "["):
      at += 1
      var items: [JSON] = []
      skipSpace()
      if current == UInt8(ascii: "]") { at += 1; return .array(items) }
      while true {
        items.append(try value(depth: depth + 1))
        skipSpace()
        if current == UInt8(ascii: ",") { at += 1; continue }
        guard current == UInt8(ascii: "]") else { throw failure("',' or ']'") }
        at += 1
        return .array(items)
      }
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "n"): try expect("null"); return .null
    case UInt8(ascii: "N"): try expect("NaN"); return .double(.nan)
    case UInt8(ascii: "I"): try expect("Infinity"); return .double(.infinity)
    default: return try number()
    }
  }

  private mutating func number() throws(JSONParseFailure) -> JSON {
    let start = at
    var isInteger = true
    if current == UInt8(ascii: "-") { at += 1 }
    if current == UInt8(ascii: "I") { try expect("Infinity"); return .double(-.infinity) }
    while let c = current {
      if c >= 0x30 && c <= 0x39 { at += 1; continue }
      if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+")
        || (c == UInt8(ascii: "-") && at > start) {
        isInteger = false
        at += 1
        continue
      }
      break
    }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
    if isInteger, let i = Int64(text) { return .int(i) }
    guard !text.isEmpty, let d = Double(text) else { at = start; throw failure("a value") }
    return .double(d)
  }

  private mutating func string() throws(JSONParseFailure) -> String {
    at += 1  // the opening quote
    let start = at
    // Fast path: no escapes.
    while let c = current, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") { at += 1 }
    guard let stop = current else { throw failure("a closing '\"'") }
    if stop == UInt8(ascii: "\"") {
      at += 1
      return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(at - 1)]), as: UTF8.self)
    }
    var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<at]))
    while let c = current {
      at += 1
      if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
      guard c == UInt8(ascii: "\\") else { out.append(c); continue }
      guard let e = current else { break }
      at += 1
      switch e {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"), at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "u") {
          at += 2
          let low = try hex4()
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
        }
        out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
      default: out.append(e)  // \" \\ \/
      }
    }
    throw failure("a closing '\"'")
  }

  private mutating func hex4() throws(JSONParseFailure) -> UInt32 {
    guard at + 4 <= bytes.count,
      let v = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + 4)]), as: UTF8.self), radix: 16)
    else { throw failure("four hex digits") }
    at += 4
    return v
  }
}

struct JSONParseFailure: Error {
  let offset: Int
  let expected: String
}
