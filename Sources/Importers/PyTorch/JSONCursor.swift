import Foundation
import ModelFormats

/// A position inside a JSON member of an archive: typed access that fails with an error naming
/// the file, the member and the field path (`graph_module.graph.nodes[3].target`).
struct JSONCursor: Sendable {
  let value: JSON
  let path: String
  let file: String
  let member: String

  /// Parses `data` (the bytes of `member` inside `file`).
  static func parse(_ data: Data, file: String, member: String) throws(ImportError) -> JSONCursor {
    do {
      return JSONCursor(value: try JSONParser.parse(data), path: "", file: file, member: member)
    } catch {
      throw .malformedJSON(file: file, member: member, path: "byte \(error.offset)", expected: error.expected)
    }
  }

  func fail(_ expected: String) -> ImportError {
    .malformedJSON(file: file, member: member, path: path.isEmpty ? "(top level)" : path, expected: expected)
  }

  private func child(_ value: JSON, _ step: String) -> JSONCursor {
    JSONCursor(value: value, path: path.isEmpty ? step : path + step, file: file, member: member)
  }

  /// The field `key`, which must exist.
  subscript(key: String) -> JSONCursor {
    get throws(ImportError) {
      guard case .object(let fields) = value else { throw fail("an object") }
      guard let v = fields[key] else { throw child(.null, ".\(key)").fail("a field '\(key)'") }
      return child(v, path.isEmpty ? key : ".\(key)")
    }
  }

  /// The field `key`, or `nil` when it is absent or null.
  func optional(_ key: String) throws(ImportError) -> JSONCursor? {
    guard case .object(let fields) = value else { throw fail("an object") }
    guard let v = fields[key] else { return nil }
    if case .null = v { return nil }
    return child(v, path.isEmpty ? key : ".\(key)")
  }

  var isNull: Bool { if case .null = value { true } else { false } }

  /// The keys and values of an object, in key order.
  func fields() throws(ImportError) -> [(key: String, value: JSONCursor)] {
    guard case .object(let f) = value else { throw fail("an object") }
    return f.keys.sorted().compactMap { k in f[k].map { (k, child($0, path.isEmpty ? k : ".\(k)")) } }
  }

  /// The single tag and payload of a union object such as `{"as_int": 3}`.
  func union() throws(ImportError) -> (tag: String, payload: JSONCursor) {
    guard case .object(let f) = value, f.count == 1, let (k, v) = f.first else {
      throw fail("an object with exactly one tagged field")
    }
    return (k, child(v, path.isEmpty ? k : ".\(k)"))
  }

  func array() throws(ImportError) -> [JSONCursor] {
    guard case .array(let a) = value else { throw fail("an array") }
    return a.enumerated().map { child($0.element, "[\($0.offset)]") }
  }

  func string() throws(ImportError) -> String {
    guard case .string(let s) = value else { throw fail("a string") }
    return s
  }

  func int() throws(ImportError) -> Int64 {
    switch value {
    case .int(let i): return i
    case .double(let d) where d.rounded() == d && abs(d) < 9e18: return Int64(d)
    default: throw fail("an integer")
    }
  }

  func double() throws(ImportError) -> Double {
    switch value {
    case .int(let i): return Double(i)
    case .double(let d): return d
    // torch writes non-finite floats as strings.
    case .string("Infinity"), .string("inf"): return .infinity
    case .string("-Infinity"), .string("-inf"): return -.infinity
    case .string("NaN"), .string("nan"): return .nan
    default: throw fail("a number")
    }
  }

  func bool() throws(ImportError) -> Bool {
    guard case .bool(let b) = value else { throw fail("true or false") }
    return b
  }
}
