import CProtobufONNX
import Foundation
import ModelGraph

/// Keeps a message unpacked by protobuf-c alive; tensors whose `raw_data` it holds view it
/// instead of copying, and it is freed when the last of them goes.
final class UnpackedMessage: @unchecked Sendable {
  private let message: UnsafeMutablePointer<ProtobufCMessage>

  init(_ message: UnsafeMutablePointer<ProtobufCMessage>) { self.message = message }

  deinit { protobuf_c_message_free_unpacked(message, nil) }
}

/// Turns protobuf-c's ONNX structs into `ModelGraph` values. Every field is either modelled or
/// kept as raw wire bytes in an `unknownFields` property.
struct ONNXDecoder {
  /// The file named in errors.
  let file: String
  /// The model's folder, where external data lives; `nil` for bytes without a file.
  let folder: URL?
  /// Owner of the unpacked message, for `raw_data` views.
  let owner: UnpackedMessage
  let externalFiles = ExternalFiles()

  func model(_ m: Onnx__ModelProto) throws(FormatError) -> Model {
    guard let g = m.graph else { throw .notAModel(file: file, reason: "the message has no graph") }
    // IR 3 and later require opset imports; a file cut right after its graph would lack them.
    guard m.n_opset_import > 0 || m.ir_version < 3 else {
      throw .notAModel(file: file, reason: "no opset_import (required from IR 3 on); the file may be truncated")
    }
    var model = Model(graph: try graph(g.pointee), irVersion: m.ir_version, opsetImports: [:])
    model.opsetImports = opsets(m.opset_import, m.n_opset_import)
    model.producerName = string(m.producer_name)
    model.producerVersion = string(m.producer_version)
    model.domain = string(m.domain)
    model.modelVersion = m.model_version
    model.docString = string(m.doc_string)
    model.metadata = buffer(m.metadata_props, m.n_metadata_props).compactMap { e in
      e.map { (string($0.pointee.key), string($0.pointee.value)) }
    }
    for f in buffer(m.functions, m.n_functions) {
      if let f { model.functions.append(try function(f.pointee)) }
    }
    // training_info is kept as bytes: nothing in DeltaNN trains.
    for t in buffer(m.training_info, m.n_training_info) {
      guard let t else { continue }
      model.unknownFields += WireFields.lengthDelimited(20, packed(t))
    }
    model.unknownFields += unknown(m.base)
    return model
  }

  func graph(_ g: Onnx__GraphProto) throws(FormatError) -> Graph {
    var graph = Graph(name: string(g.name))
    for n in buffer(g.node, g.n_node) { if let n { graph.nodes.append(try node(n.pointee)) } }
    for t in buffer(g.initializer, g.n_initializer) {
      guard let t else { continue }
      let value = try tensor(t.pointee)
      graph.initializers[value.name] = value
    }
    for s in buffer(g.sparse_initializer, g.n_sparse_initializer) {
      guard let s else { continue }
      let value = try sparseTensor(s.pointee)
      graph.sparseInitializers[value.values.name] = value
    }
    graph.docString = string(g.doc_string)
    graph.inputs = try valueInfos(g.input, g.n_input)
    graph.outputs = try valueInfos(g.output, g.n_output)
    graph.valueInfo = try valueInfos(g.value_info, g.n_value_info)
    for q in buffer(g.quantization_annotation, g.n_quantization_annotation) {
      guard let q else { continue }
      graph.unknownFields += WireFields.lengthDelimited(14, packed(q))
    }
    graph.unknownFields += unknown(g.base)
    return graph
  }

  func node(_ n: Onnx__NodeProto) throws(FormatError) -> Node {
    let (provenance, doc) = Provenance.parse(docString: string(n.doc_string))
    var node = Node(
      name: string(n.name), opType: string(n.op_type), domain: string(n.domain),
      inputs: strings(n.input, n.n_input), outputs: strings(n.output, n.n_output),
      docString: doc, provenance: provenance)
    for a in buffer(n.attribute, n.n_attribute) {
      guard let a else { continue }
      node.attributes[string(a.pointee.name)] = try attribute(a.pointee, node: node.name)
    }
    node.unknownFields = unknown(n.base)
    return node
  }

  func function(_ f: Onnx__FunctionProto) throws(FormatError) -> Function {
    var nodes: [Node] = []
    for n in buffer(f.node, f.n_node) { if let n { nodes.append(try node(n.pointee)) } }
    var function = Function(
      name: string(f.name), domain: string(f.domain), inputs: strings(f.input, f.n_input),
      outputs: strings(f.output, f.n_output), nodes: nodes)
    function.attributeNames = strings(f.attribute, f.n_attribute)
    function.opsetImports = opsets(f.opset_import, f.n_opset_import)
    function.docString = string(f.doc_string)
    function.unknownFields = unknown(f.base)
    return function
  }

  func valueInfos(
    _ list: UnsafeMutablePointer<UnsafeMutablePointer<Onnx__ValueInfoProto>?>?, _ count: Int
  ) throws(FormatError) -> [ValueInfo] {
    var infos: [ValueInfo] = []
    for v in buffer(list, count) {
      guard let v else { continue }
      var info = ValueInfo(name: string(v.pointee.name), type: .unspecified, docString: string(v.pointee.doc_string))
      if let t = v.pointee.type { info.type = try type(t.pointee, of: info.name) }
      info.unknownFields = unknown(v.pointee.base)
      infos.append(info)
    }
    return infos
  }

  func type(_ t: Onnx__TypeProto, of name: String) throws(FormatError) -> ValueType {
    switch t.value_case {
    case ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE:
      guard let tt = t.tensor_type?.pointee else { return .unspecified }
      return .tensor(try dtype(tt.elem_type, of: name), shape: tt.shape.map { dims($0.pointee) })
    case ONNX__TYPE_PROTO__VALUE_SPARSE_TENSOR_TYPE:
      guard let tt = t.sparse_tensor_type?.pointee else { return .unspecified }
      return .sparseTensor(try dtype(tt.elem_type, of: name), shape: tt.shape.map { dims($0.pointee) })
    case ONNX__TYPE_PROTO__VALUE_SEQUENCE_TYPE:
      guard let e = t.sequence_type?.pointee.elem_type else { return .sequence(.unspecified) }
      return .sequence(try type(e.pointee, of: name))
    case ONNX__TYPE_PROTO__VALUE_OPTIONAL_TYPE:
      guard let e = t.optional_type?.pointee.elem_type else { return .optional(.unspecified) }
      return .optional(try type(e.pointee, of: name))
    case ONNX__TYPE_PROTO__VALUE_MAP_TYPE:
      guard let m = t.map_type?.pointee else { return .unspecified }
      let value = try m.value_type.map { (v) throws(FormatError) in try type(v.pointee, of: name) }
      return .map(key: try dtype(m.key_type, of: name), value: value ?? .unspecified)
    default:
      return .unspecified
    }
  }

  func dims(_ s: Onnx__TensorShapeProto) -> [Dim] {
    buffer(s.dim, s.n_dim).map { d in
      guard let d = d?.pointee else { return .unknown }
      switch d.value_case {
      case ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE: return .fixed(Int(d.dim_value))
      case ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM: return .symbolic(string(d.dim_param))
      default: return .unknown
      }
    }
  }

  func dtype(_ raw: Int32, of name: String) throws(FormatError) -> DType {
    guard let t = DType(rawValue: raw) else {
      throw .invalidField(file: file, field: "data type of '\(name)'", problem: "unknown ONNX data type \(raw)")
    }
    return t
  }

  func opsets(
    _ list: UnsafeMutablePointer<UnsafeMutablePointer<Onnx__OperatorSetIdProto>?>?, _ count: Int
  ) -> [String: Int64] {
    var map: [String: Int64] = [:]
    for o in buffer(list, count) {
      if let o { map[string(o.pointee.domain)] = o.pointee.version }
    }
    return map
  }

  // MARK: C helpers

  func string(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }

  func strings(_ p: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int) -> [String] {
    buffer(p, count).map { string($0) }
  }

  func buffer<T>(_ p: UnsafeMutablePointer<T>?, _ count: Int) -> UnsafeBufferPointer<T> {
    UnsafeBufferPointer(start: count > 0 ? p : nil, count: count > 0 && p != nil ? count : 0)
  }

  func bytes(_ b: ProtobufCBinaryData) -> [UInt8] {
    guard b.len > 0, let data = b.data else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: b.len))
  }

  /// The message's unknown fields as wire bytes (key varint, then the payload protobuf-c kept).
  func unknown(_ base: ProtobufCMessage) -> [UInt8] {
    var out: [UInt8] = []
    for f in buffer(base.unknown_fields, Int(base.n_unknown_fields)) {
      WireFields.appendVarint(UInt64(f.tag) << 3 | UInt64(f.wire_type.rawValue), to: &out)
      if f.len > 0, let data = f.data { out += UnsafeBufferPointer(start: data, count: f.len) }
    }
    return out
  }

  /// A sub-message packed back to bytes, for fields kept verbatim.
  func packed<M>(_ m: UnsafeMutablePointer<M>) -> [UInt8] {
    m.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { message in
      let n = protobuf_c_message_get_packed_size(message)
      return [UInt8](unsafeUninitializedCapacity: n) { buf, count in
        count = protobuf_c_message_pack(message, buf.baseAddress)
      }
    }
  }
}
