import CProtobufONNX
import ModelGraph

extension ONNXDecoder {
  /// One attribute. Old files may leave `type` unset; the kind then follows from the field set.
  func attribute(_ a: Onnx__AttributeProto, node: String) throws(FormatError) -> Attribute {
    let name = string(a.name)
    let kind = a.has_type != 0 && a.type.rawValue != 0 ? a.type : inferredKind(a)
    if let ref = a.ref_attr_name {
      return .reference(String(cString: ref), kind: Int32(bitPattern: kind.rawValue))
    }
    switch kind {
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT: return .float(a.f)
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT: return .int(a.i)
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING: return .string(String(decoding: bytes(a.s), as: UTF8.self))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR:
      guard let t = a.t else { throw missing(name, node, "tensor") }
      return .tensor(try tensor(t.pointee))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPH:
      guard let g = a.g else { throw missing(name, node, "graph") }
      return .graph(try graph(g.pointee))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSOR:
      guard let s = a.sparse_tensor else { throw missing(name, node, "sparse tensor") }
      return .sparseTensor(try sparseTensor(s.pointee))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTO:
      guard let t = a.tp else { throw missing(name, node, "type") }
      return .type(try type(t.pointee, of: name))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS: return .floats(Array(buffer(a.floats, a.n_floats)))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS: return .ints(Array(buffer(a.ints, a.n_ints)))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRINGS:
      return .strings(buffer(a.strings, a.n_strings).map { String(decoding: bytes($0), as: UTF8.self) })
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSORS:
      var list: [Tensor] = []
      for t in buffer(a.tensors, a.n_tensors) { if let t { list.append(try tensor(t.pointee)) } }
      return .tensors(list)
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPHS:
      var list: [Graph] = []
      for g in buffer(a.graphs, a.n_graphs) { if let g { list.append(try graph(g.pointee)) } }
      return .graphs(list)
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSORS:
      var list: [SparseTensor] = []
      for s in buffer(a.sparse_tensors, a.n_sparse_tensors) { if let s { list.append(try sparseTensor(s.pointee)) } }
      return .sparseTensors(list)
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTOS:
      var list: [ValueType] = []
      for t in buffer(a.type_protos, a.n_type_protos) { if let t { list.append(try type(t.pointee, of: name)) } }
      return .types(list)
    default:
      throw .invalidField(file: file, field: "attribute '\(name)' of node '\(node)'", problem: "unknown attribute type \(kind.rawValue)")
    }
  }

  /// The kind of an attribute written without `type` (IR 1–2 files): the first field present.
  private func inferredKind(_ a: Onnx__AttributeProto) -> Onnx__AttributeProto__AttributeType {
    if a.has_f != 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT }
    if a.has_i != 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT }
    if a.has_s != 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING }
    if a.t != nil { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR }
    if a.g != nil { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPH }
    if a.sparse_tensor != nil { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSOR }
    if a.tp != nil { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTO }
    if a.n_floats > 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS }
    if a.n_strings > 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRINGS }
    if a.n_tensors > 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSORS }
    if a.n_graphs > 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPHS }
    if a.n_sparse_tensors > 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSORS }
    if a.n_type_protos > 0 { return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTOS }
    return ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS
  }

  private func missing(_ name: String, _ node: String, _ what: String) -> FormatError {
    .invalidField(file: file, field: "attribute '\(name)' of node '\(node)'", problem: "declared as a \(what) but holds none")
  }
}
