/// `deltann.relax-graph/1`: the dataflow of a Relax module's `main` as the TVM helper writes it
/// (`python -m deltann_converters relax-json`): inputs, weight parameters, one entry per binding
/// in order, and the returned binding.
struct RelaxGraphDocument: Decodable {
  static let format = "deltann.relax-graph/1"

  struct Variable: Decodable {
    var name: String
    var shape: [RelaxJSON]?
    var dtype: String
  }

  struct Binding: Decodable {
    var name: String
    var op: String
    var args: [RelaxJSON]
    var attrs: [String: RelaxJSON]
    var shape: [RelaxJSON]?
    var dtype: String
    /// The source layer and ONNX tensor (our TVM form only).
    var layer: String?
    var tensor: String?
  }

  var format: String
  var form: String
  var inputs: [Variable]
  var params: [Variable]
  var bindings: [Binding]
  var output: String
}

/// Any JSON value; attributes and arguments hold numbers, strings, lists and objects.
indirect enum RelaxJSON: Decodable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([RelaxJSON])
  case object([String: RelaxJSON])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let v = try? c.decode(Bool.self) { self = .bool(v) }
    else if let v = try? c.decode(Int64.self) { self = .int(v) }
    else if let v = try? c.decode(Double.self) { self = .double(v) }
    else if let v = try? c.decode(String.self) { self = .string(v) }
    else if let v = try? c.decode([RelaxJSON].self) { self = .array(v) }
    else { self = .object(try c.decode([String: RelaxJSON].self)) }
  }

  var int: Int64? { if case .int(let v) = self { v } else { nil } }

  /// A number, also spelled as a string for the values JSON lacks (`"inf"`, `"-inf"`, `"nan"`).
  var double: Double? {
    switch self {
    case .int(let v): Double(v)
    case .double(let v): v
    case .string(let s): Double(s)
    default: nil
    }
  }
}
