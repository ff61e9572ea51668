/// Element type of a tensor, numbered exactly as ONNX's `TensorProto.DataType`.
public enum DType: Int32, Sendable, Hashable, CaseIterable, Codable {
  case undefined = 0
  case float32 = 1
  case uint8 = 2
  case int8 = 3
  case uint16 = 4
  case int16 = 5
  case int32 = 6
  case int64 = 7
  case string = 8
  case bool = 9
  case float16 = 10
  case float64 = 11
  case uint32 = 12
  case uint64 = 13
  case complex64 = 14
  case complex128 = 15
  case bfloat16 = 16
  case float8e4m3fn = 17
  case float8e4m3fnuz = 18
  case float8e5m2 = 19
  case float8e5m2fnuz = 20
  case uint4 = 21
  case int4 = 22

  /// Bytes per element in a packed little-endian buffer; `nil` for strings and 4-bit types.
  public var byteSize: Int? {
    switch self {
    case .undefined, .string, .uint4, .int4: nil
    case .uint8, .int8, .bool, .float8e4m3fn, .float8e4m3fnuz, .float8e5m2, .float8e5m2fnuz: 1
    case .uint16, .int16, .float16, .bfloat16: 2
    case .float32, .int32, .uint32: 4
    case .float64, .int64, .uint64, .complex64: 8
    case .complex128: 16
    }
  }

  public var isFloatingPoint: Bool {
    switch self {
    case .float32, .float16, .bfloat16, .float64: true
    default: false
    }
  }

  /// The short name numpy and users know (`float32`, `int64`, `bool`).
  public var name: String {
    switch self {
    case .undefined: "undefined"
    case .float32: "float32"
    case .uint8: "uint8"
    case .int8: "int8"
    case .uint16: "uint16"
    case .int16: "int16"
    case .int32: "int32"
    case .int64: "int64"
    case .string: "string"
    case .bool: "bool"
    case .float16: "float16"
    case .float64: "float64"
    case .uint32: "uint32"
    case .uint64: "uint64"
    case .complex64: "complex64"
    case .complex128: "complex128"
    case .bfloat16: "bfloat16"
    case .float8e4m3fn: "float8e4m3fn"
    case .float8e4m3fnuz: "float8e4m3fnuz"
    case .float8e5m2: "float8e5m2"
    case .float8e5m2fnuz: "float8e5m2fnuz"
    case .uint4: "uint4"
    case .int4: "int4"
    }
  }
}
