import ModelGraph

/// A node argument of model.json (`{"as_tensor": {"name": "x"}}`, `{"as_ints": [1, 1]}`, …),
/// reduced to what the aten dialect can carry.
enum PT2Argument: Sendable {
  case tensor(String)
  /// A tensor list; `""` for a `None` inside an optional-tensor list.
  case tensors([String])
  case none
  case value(Attribute)

  /// Decodes one tagged `Argument`. Kinds the dialect cannot carry (subgraphs, custom objects)
  /// become a string attribute saying so; only operators nobody lowers take them.
  init(_ argument: JSONCursor) throws(ImportError) {
    let (tag, p) = try argument.union()
    switch tag {
    case "as_none": self = .none
    case "as_tensor": self = .tensor(try p["name"].string())
    case "as_tensors": self = .tensors(try p.array().map { (t: JSONCursor) throws(ImportError) in try t["name"].string() })
    case "as_optional_tensor": self = try Self.optionalTensor(p).map { .tensor($0) } ?? .none
    case "as_optional_tensors":
      self = .tensors(try p.array().map { (t: JSONCursor) throws(ImportError) in try Self.optionalTensor(t) ?? "" })
    case "as_int", "as_scalar_type", "as_memory_format", "as_layout": self = .value(.int(try p.int()))
    case "as_ints": self = .value(.ints(try p.array().map { (i: JSONCursor) throws(ImportError) in try i.int() }))
    case "as_float": self = .value(.float(Float(try p.double())))
    case "as_floats": self = .value(.floats(try p.array().map { (f: JSONCursor) throws(ImportError) in Float(try f.double()) }))
    case "as_bool": self = .value(.int(try p.bool() ? 1 : 0))
    case "as_bools": self = .value(.ints(try p.array().map { (b: JSONCursor) throws(ImportError) in try b.bool() ? 1 : 0 }))
    case "as_string": self = .value(.string(try p.string()))
    case "as_strings": self = .value(.strings(try p.array().map { (s: JSONCursor) throws(ImportError) in try s.string() }))
    case "as_device":
      let index = try p.optional("index")?.int()
      self = .value(.string(try p["type"].string() + (index.map { ":\($0)" } ?? "")))
    case "as_sym_int", "as_sym_float", "as_sym_bool": self = .value(try Self.symbolic(p))
    case "as_sym_ints", "as_sym_floats", "as_sym_bools":
      let items = try p.array().map { (s: JSONCursor) throws(ImportError) in try Self.symbolic(s) }
      let ints = items.compactMap(\.int)
      if ints.count == items.count {
        self = .value(.ints(ints))
      } else {
        // A size list mixing fixed and symbolic sizes: each element as text ("s0", "4").
        self = .value(.strings(items.map { $0.string ?? $0.int.map(String.init) ?? $0.float.map { "\($0)" } ?? "?" }))
      }
    default: self = .value(.string("unsupported argument kind \(tag)"))
    }
  }

  private static func optionalTensor(_ t: JSONCursor) throws(ImportError) -> String? {
    let (tag, p) = try t.union()
    return tag == "as_tensor" ? try p["name"].string() : nil
  }

  /// A `SymIntArgument`-like union: `{"as_name": "s0"}` or `{"as_int": 4}`.
  private static func symbolic(_ s: JSONCursor) throws(ImportError) -> Attribute {
    let (tag, p) = try s.union()
    switch tag {
    case "as_name": return .string(try p.string())
    case "as_int": return .int(try p.int())
    case "as_float": return .float(Float(try p.double()))
    case "as_bool": return .int(try p.bool() ? 1 : 0)
    default: throw s.fail("as_name, as_int, as_float or as_bool")
    }
  }
}
