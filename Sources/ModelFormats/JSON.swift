import Foundation

/// A JSON value: what Keras writes in `config.json` and `model_config` (decoded through
/// `Codable`), the members of a .pt2 archive (read by `JSONParser`), and the Relax dataflow the TVM
/// helper exports.
///
/// Integers and floats are kept apart (`6` vs `6.0` is lost by JSON itself, so lowering rules
/// accept either where Keras allows either).
public indirect enum JSON: Sendable, Hashable, Codable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let i = try? c.decode(Int64.self) { self = .int(i) }
    else if let d = try? c.decode(Double.self) { self = .double(d) }
    else if let s = try? c.decode(String.self) { self = .string(s) }
    else if let a = try? c.decode([JSON].self) { self = .array(a) }
    else { self = .object(try c.decode([String: JSON].self)) }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .int(let i): try c.encode(i)
    case .double(let d): try c.encode(d)
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o): try c.encode(o)
    }
  }

  /// Parses `data`; `nil` when it is not JSON.
  public static func parse(_ data: Data) -> JSON? { try? JSONDecoder().decode(JSON.self, from: data) }

  /// Compact text with sorted keys (stable across runs).
  public var text: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
  }

  public subscript(key: String) -> JSON? {
    if case .object(let o) = self { o[key] } else { nil }
  }

  public var string: String? { if case .string(let s) = self { s } else { nil } }
  public var array: [JSON]? { if case .array(let a) = self { a } else { nil } }
  public var object: [String: JSON]? { if case .object(let o) = self { o } else { nil } }
  public var int: Int64? {
    switch self {
    case .int(let i): i
    case .double(let d): Int64(exactly: d)
    default: nil
    }
  }
}
