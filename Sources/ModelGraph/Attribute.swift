/// A node attribute: every kind ONNX's `AttributeProto` can hold.
public indirect enum Attribute: Sendable, Hashable {
  case float(Float)
  case int(Int64)
  case string(String)
  case tensor(Tensor)
  case graph(Graph)
  case sparseTensor(SparseTensor)
  case type(ValueType)
  case floats([Float])
  case ints([Int64])
  case strings([String])
  case tensors([Tensor])
  case graphs([Graph])
  case sparseTensors([SparseTensor])
  case types([ValueType])
  /// Inside a function body: the value comes from the calling node's attribute of that name.
  case reference(String, kind: Int32)

  public var int: Int64? { if case .int(let v) = self { v } else { nil } }
  public var float: Float? {
    switch self {
    case .float(let v): v
    case .int(let v): Float(v)
    default: nil
    }
  }
  public var string: String? { if case .string(let v) = self { v } else { nil } }
  public var ints: [Int64]? { if case .ints(let v) = self { v } else { nil } }
  public var floats: [Float]? { if case .floats(let v) = self { v } else { nil } }
  public var tensor: Tensor? { if case .tensor(let v) = self { v } else { nil } }
  public var graph: Graph? { if case .graph(let v) = self { v } else { nil } }
}

/// ONNX's `SparseTensorProto`: the non-zero values, their indices and the dense shape.
public struct SparseTensor: Sendable, Hashable {
  public var values: Tensor
  public var indices: Tensor
  public var denseShape: [Int]

  public init(values: Tensor, indices: Tensor, denseShape: [Int]) {
    self.values = values
    self.indices = indices
    self.denseShape = denseShape
  }
}
