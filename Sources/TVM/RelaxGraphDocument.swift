import ModelFormats

/// `deltann.relax-graph/1`: the dataflow of a Relax module's `main` as the TVM helper writes it
/// (`python -m deltann_converters relax-json`): inputs, weight parameters, one entry per binding
/// in order, and the returned binding.
struct RelaxGraphDocument: Decodable {
  static let format = "deltann.relax-graph/1"

  struct Variable: Decodable {
    var name: String
    var shape: [JSON]?
    var dtype: String
  }

  struct Binding: Decodable {
    var name: String
    var op: String
    var args: [JSON]
    var attrs: [String: JSON]
    var shape: [JSON]?
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

extension JSON {
  /// A number, also spelled as a string for the values JSON lacks (`"inf"`, `"-inf"`, `"nan"`).
  var number: Double? {
    switch self {
    case .int(let v): Double(v)
    case .double(let v): v
    case .string(let s): Double(s)
    default: nil
    }
  }
}
