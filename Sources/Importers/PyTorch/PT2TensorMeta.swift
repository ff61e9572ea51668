import ModelGraph

/// A tensor's `TensorMeta` in model.json: dtype, sizes (possibly symbolic), strides and storage
/// offset, both counted in elements.
struct PT2TensorMeta: Sendable {
  var dtype: DType
  var sizes: [Dim]
  var strides: [Int]
  var storageOffset: Int
  /// torch's `Layout` enum; 7 is `Strided`, the only dense layout.
  var layout: Int64

  static let stridedLayout: Int64 = 7

  /// Decodes `meta`; `tensor` names the tensor in errors.
  init(_ meta: JSONCursor, tensor: String) throws(ImportError) {
    let code = try meta["dtype"].int()
    guard let dtype = DType(pt2ScalarType: code) else {
      throw .unsupportedTensorStorage(file: meta.file, tensor: tensor, reason: "dtype code \(code) (torch ScalarType) has no ONNX equivalent")
    }
    self.dtype = dtype
    sizes = try meta["sizes"].array().map { (s: JSONCursor) throws(ImportError) -> Dim in try Self.dim(s) }
    strides = try (meta.optional("strides")?.array() ?? []).map { (s: JSONCursor) throws(ImportError) -> Int in
      guard case .fixed(let n) = try Self.dim(s) else { throw s.fail("a fixed stride") }
      return n
    }
    if let offset = try meta.optional("storage_offset") {
      guard case .fixed(let n) = try Self.dim(offset) else { throw offset.fail("a fixed storage offset") }
      storageOffset = n
    } else {
      storageOffset = 0
    }
    layout = try meta.optional("layout")?.int() ?? Self.stridedLayout
  }

  /// A `SymInt`: `{"as_int": 3}` or `{"as_expr": {"expr_str": "s0", …}}`.
  static func dim(_ symInt: JSONCursor) throws(ImportError) -> Dim {
    let (tag, payload) = try symInt.union()
    switch tag {
    case "as_int": return .fixed(Int(try payload.int()))
    case "as_expr": return .symbolic(symbolName(try payload["expr_str"].string()))
    case "as_name": return .symbolic(try payload.string())
    default: throw symInt.fail("as_int or as_expr")
    }
  }

  /// torch 2.13 writes a plain symbol as sympy's repr, `Symbol('s77', positive=True, integer=True)`;
  /// keep just its name (`s77`). Compound expressions (`2*s77`) stay as written.
  static func symbolName(_ expression: String) -> String {
    let prefix = "Symbol('"
    guard expression.hasPrefix(prefix) else { return expression }
    let rest = expression.dropFirst(prefix.count)
    return rest.firstIndex(of: "'").map { String(rest[..<$0]) } ?? expression
  }

  var valueType: ValueType { .tensor(dtype, shape: sizes) }
}

extension DType {
  /// The ONNX type of torch's serialized `ScalarType` code (`torch/_export/serde/schema.py`).
  init?(pt2ScalarType code: Int64) {
    switch code {
    case 1: self = .uint8
    case 2: self = .int8
    case 3: self = .int16
    case 4: self = .int32
    case 5: self = .int64
    case 6: self = .float16
    case 7: self = .float32
    case 8: self = .float64
    case 10: self = .complex64
    case 11: self = .complex128
    case 12: self = .bool
    case 13: self = .bfloat16
    case 28: self = .uint16
    case 29: self = .float8e4m3fn
    case 30: self = .float8e5m2
    case 31: self = .float8e4m3fnuz
    case 32: self = .float8e5m2fnuz
    case 34: self = .uint32
    case 35: self = .uint64
    default: return nil
    }
  }
}
