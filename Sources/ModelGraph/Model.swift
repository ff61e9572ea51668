/// A whole model file: its main graph plus model-level facts (IR version, opsets, producer).
public struct Model: Sendable, Hashable {
  public var irVersion: Int64
  /// Opset version by domain; `""` is the default ai.onnx domain.
  public var opsetImports: [String: Int64]
  public var producerName: String
  public var producerVersion: String
  public var domain: String
  public var modelVersion: Int64
  public var docString: String
  /// `metadata_props`, in file order.
  public var metadata: [(key: String, value: String)]
  public var graph: Graph
  public var functions: [Function]
  /// Fields this library does not model (training info, newer producers' fields), kept for round trips.
  public var unknownFields: [UInt8]

  public init(graph: Graph, irVersion: Int64 = 8, opsetImports: [String: Int64] = ["": 17]) {
    self.irVersion = irVersion
    self.opsetImports = opsetImports
    self.producerName = "deltann"
    self.producerVersion = ""
    self.domain = ""
    self.modelVersion = 0
    self.docString = ""
    self.metadata = []
    self.graph = graph
    self.functions = []
    self.unknownFields = []
  }

  /// The default-domain opset this model is written against.
  public var opset: Int64 { opsetImports[""] ?? opsetImports["ai.onnx"] ?? 1 }

  public static func == (a: Model, b: Model) -> Bool {
    a.irVersion == b.irVersion && a.opsetImports == b.opsetImports
      && a.producerName == b.producerName && a.producerVersion == b.producerVersion
      && a.domain == b.domain && a.modelVersion == b.modelVersion && a.docString == b.docString
      && a.metadata.map(\.key) == b.metadata.map(\.key)
      && a.metadata.map(\.value) == b.metadata.map(\.value)
      && a.graph == b.graph && a.functions == b.functions && a.unknownFields == b.unknownFields
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(irVersion)
    hasher.combine(graph)
  }
}

/// A model-local function (ONNX `FunctionProto`).
public struct Function: Sendable, Hashable {
  public var name: String
  public var domain: String
  public var inputs: [String]
  public var outputs: [String]
  public var attributeNames: [String]
  public var attributeDefaults: [String: Attribute]
  public var nodes: [Node]
  public var opsetImports: [String: Int64]
  public var docString: String
  public var unknownFields: [UInt8]

  public init(name: String, domain: String, inputs: [String], outputs: [String], nodes: [Node]) {
    self.name = name
    self.domain = domain
    self.inputs = inputs
    self.outputs = outputs
    self.attributeNames = []
    self.attributeDefaults = [:]
    self.nodes = nodes
    self.opsetImports = [:]
    self.docString = ""
    self.unknownFields = []
  }
}
