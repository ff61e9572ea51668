import Foundation
import ModelGraph

/// A summary of an ONNX file: what `deltann inspect` prints. Its JSON form (field names, order,
/// units) is documented in `docs/inspect-json.md` and only grows by new fields.
public struct Inspection: Sendable, Codable, Equatable {
  public struct Opset: Sendable, Codable, Equatable { public var domain: String; public var version: Int64 }
  public struct Value: Sendable, Codable, Equatable {
    public var name: String
    public var dtype: String
    /// Dims as text: `"3"`, a symbol like `"batch"`, or `"?"`; `nil` when the rank is unknown.
    public var shape: [String]?
  }
  public struct OpCount: Sendable, Codable, Equatable { public var domain: String; public var op: String; public var count: Int }
  public struct Parameters: Sendable, Codable, Equatable {
    public var tensors: Int
    public var elements: Int
    public var bytes: Int
    /// Bytes kept in external data files rather than in the model file.
    public var externalBytes: Int
  }
  public struct TensorSize: Sendable, Codable, Equatable {
    public var name: String
    public var dtype: String
    public var shape: [Int]
    public var bytes: Int
  }
  public struct Verdict: Sendable, Codable, Equatable {
    /// Checker: `valid`, `invalid`, `cannot check`. Shape inference: `ok`, `failed`, `cannot check`.
    public var status: String
    public var message: String
  }
  public struct ShapeInference: Sendable, Codable, Equatable {
    public var status: String
    public var message: String
    /// Node outputs of the main graph, and how many of them have a known type after inference.
    public var intermediateValues: Int
    public var typedValues: Int
  }

  /// Version of this JSON layout.
  public var schemaVersion = 1
  public var file: String
  public var fileBytes: Int
  public var irVersion: Int64
  public var producerName: String
  public var producerVersion: String
  public var opsets: [Opset]
  public var inputs: [Value]
  public var outputs: [Value]
  public var nodes: Int
  /// Node count per op, most frequent first (ties by domain, then op name).
  public var ops: [OpCount]
  public var parameters: Parameters
  /// The ten largest initializers, largest first (ties by name).
  public var largestTensors: [TensorSize]
  public var checker: Verdict
  public var shapeInference: ShapeInference
  /// Main-graph node outputs, for counting the typed ones; not part of the JSON.
  var producedValues: [String] = []

  enum CodingKeys: String, CodingKey {
    case schemaVersion, file, fileBytes, irVersion, producerName, producerVersion, opsets, inputs, outputs
    case nodes, ops, parameters, largestTensors, checker, shapeInference
  }
}

extension Inspection {
  /// Reads and summarizes `url`: the model is mapped, weights are not copied or touched.
  public static func of(_ url: URL) throws(FormatError) -> Inspection {
    var inspection = try summary(of: url)
    // The model is released before libonnx parses the file again, so the two never coexist.
    let verdict = ONNXChecker.check(file: url)
    inspection.checker = Verdict(status: verdict.status, message: verdict.message)
    do {
      let inferred = try ONNXChecker.inferShapes(file: url, valueInfoOnly: true)
      let known = Set((inferred.graph.valueInfo + inferred.graph.outputs).filter { $0.type != .unspecified }.map(\.name))
      inspection.shapeInference.typedValues = inspection.producedValues.filter(known.contains).count
    } catch {
      inspection.shapeInference.status = { if case .newerThanLibONNX = error { "cannot check" } else { "failed" } }()
      inspection.shapeInference.message = {
        switch error {
        case .shapeInference(_, let m), .newerThanLibONNX(_, let m): m
        default: "\(error)"
        }
      }()
    }
    return inspection
  }

  /// Everything read from the model itself; the checker and shape inference fields are left
  /// for `of(_:)` to fill.
  private static func summary(of url: URL) throws(FormatError) -> Inspection {
    let mapped = try MappedFile(url)
    let (model, externalBytes) = try ONNXFile.decodeCountingExternal(
      mapped.bytes, file: url.path, folder: url.deletingLastPathComponent(), validate: true)
    let graph = model.graph
    let initializers = graph.initializers.sorted { $0.key < $1.key }
    var histogram: [String: OpCount] = [:]
    for n in graph.nodes {
      histogram["\(n.domain)\u{0}\(n.opType)", default: OpCount(domain: n.domain, op: n.opType, count: 0)].count += 1
    }
    let produced = graph.nodes.flatMap(\.outputs).filter { !$0.isEmpty }
    var inspection = Inspection(
      file: url.path, fileBytes: mapped.bytes.count, irVersion: model.irVersion,
      producerName: model.producerName, producerVersion: model.producerVersion,
      opsets: model.opsetImports.sorted { $0.key < $1.key }.map { Opset(domain: $0.key, version: $0.value) },
      inputs: graph.feedInputs.map(value), outputs: graph.outputs.map(value),
      nodes: graph.nodes.count,
      ops: histogram.values.sorted { ($1.count, $0.domain, $0.op) < ($0.count, $1.domain, $1.op) },
      parameters: Parameters(
        tensors: initializers.count, elements: initializers.reduce(0) { $0 + $1.value.elementCount },
        bytes: initializers.reduce(0) { $0 + $1.value.bytes.count }, externalBytes: externalBytes),
      largestTensors: initializers
        .map { TensorSize(name: $0.key, dtype: $0.value.dtype.name, shape: $0.value.shape, bytes: $0.value.bytes.count) }
        .sorted { ($1.bytes, $0.name) < ($0.bytes, $1.name) }.prefix(10).map { $0 },
      checker: Verdict(status: "", message: ""),
      shapeInference: ShapeInference(status: "ok", message: "", intermediateValues: produced.count, typedValues: 0))
    inspection.producedValues = produced
    return inspection
  }

  private static func value(_ v: ValueInfo) -> Value {
    Value(name: v.name, dtype: v.type.elementType?.name ?? typeText(v.type), shape: v.type.shape?.map(\.description))
  }

  /// `sequence<float32>`, `map<int64, optional<float32>>`, `unspecified`: for non-tensor values.
  static func typeText(_ t: ValueType) -> String {
    switch t {
    case .tensor(let d, _): d.name
    case .sparseTensor(let d, _): "sparse<\(d.name)>"
    case .sequence(let e): "sequence<\(typeText(e))>"
    case .optional(let e): "optional<\(typeText(e))>"
    case .map(let k, let v): "map<\(k.name), \(typeText(v))>"
    case .unspecified: "unspecified"
    }
  }

  /// Pretty-printed JSON with sorted keys: the same model always gives the same text.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { preconditionFailure("Inspection is always encodable") }
    return String(decoding: data, as: UTF8.self)
  }
}
