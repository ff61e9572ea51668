import ModelFormats
import ModelGraph

/// A layer config as node attributes: numbers, strings and (nested) lists of them become
/// attributes of the matching kind (nested lists flattened: `[[1, 1], [2, 2]]` → ints
/// `[1, 1, 2, 2]`), booleans become ints, nulls are left out, and objects (initializers, dtype
/// policies, custom activations) are kept as their compact JSON text.
enum KerasAttributes {
  static func from(_ config: [String: JSON]) -> [String: Attribute] {
    var attributes: [String: Attribute] = [:]
    for (key, value) in config where key != "name" {
      if let attribute = attribute(value) { attributes[key] = attribute }
    }
    return attributes
  }

  static func attribute(_ value: JSON) -> Attribute? {
    switch value {
    case .null: return nil
    case .bool(let b): return .int(b ? 1 : 0)
    case .int(let i): return .int(i)
    case .double(let d): return .float(Float(d))
    case .string(let s): return .string(s)
    case .object: return .string(value.text)
    case .array:
      var leaves: [JSON] = []
      flatten(value, into: &leaves)
      if leaves.allSatisfy({ if case .int = $0 { true } else { false } }) {
        return .ints(leaves.compactMap(\.int))
      }
      let numbers = leaves.compactMap { leaf -> Float? in
        switch leaf {
        case .int(let i): Float(i)
        case .double(let d): Float(d)
        default: nil
        }
      }
      if numbers.count == leaves.count { return .floats(numbers) }
      let strings = leaves.compactMap(\.string)
      if strings.count == leaves.count { return .strings(strings) }
      return .string(value.text)
    }
  }

  private static func flatten(_ value: JSON, into leaves: inout [JSON]) {
    if case .array(let items) = value {
      for item in items { flatten(item, into: &leaves) }
    } else {
      leaves.append(value)
    }
  }
}
