/// The type of a graph value, mirroring ONNX's `TypeProto`.
public indirect enum ValueType: Sendable, Hashable {
  /// A dense tensor; `shape == nil` means the rank is unknown.
  case tensor(DType, shape: [Dim]?)
  case sparseTensor(DType, shape: [Dim]?)
  case sequence(ValueType)
  case map(key: DType, value: ValueType)
  case optional(ValueType)
  /// A value whose type the producer did not state.
  case unspecified

  public var elementType: DType? {
    switch self {
    case .tensor(let t, _), .sparseTensor(let t, _): t
    default: nil
    }
  }

  public var shape: [Dim]? {
    switch self {
    case .tensor(_, let s), .sparseTensor(_, let s): s
    default: nil
    }
  }
}

/// A named, typed value at a graph boundary or in `value_info`.
public struct ValueInfo: Sendable, Hashable {
  public var name: String
  public var type: ValueType
  public var docString: String
  /// File fields this library does not model (type denotations, newer producers' fields).
  public var unknownFields: [UInt8] = []

  public init(name: String, type: ValueType, docString: String = "") {
    self.name = name
    self.type = type
    self.docString = docString
  }

  public static func tensor(_ name: String, _ dtype: DType, _ shape: [Dim]?) -> ValueInfo {
    ValueInfo(name: name, type: .tensor(dtype, shape: shape))
  }
}
