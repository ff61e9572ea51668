import CProtobufONNX
import ModelGraph

extension ONNXEncoder {
  func attribute(_ a: Attribute, name: String) throws(FormatError) -> UnsafeMutablePointer<Onnx__AttributeProto> {
    let p = arena.message(onnx__attribute_proto__init)
    p.pointee.name = arena.string(name)
    p.pointee.has_type = 1
    func kind(_ k: Onnx__AttributeProto__AttributeType) { p.pointee.type = k }
    switch a {
    case .float(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT)
      (p.pointee.has_f, p.pointee.f) = (1, v)
    case .int(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT)
      (p.pointee.has_i, p.pointee.i) = (1, v)
    case .string(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING)
      (p.pointee.has_s, p.pointee.s) = (1, arena.binary(Array(v.utf8)))
    case .tensor(let t):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR)
      p.pointee.t = try tensor(t)
    case .graph(let g):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPH)
      p.pointee.g = try graph(g)
    case .sparseTensor(let s):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSOR)
      p.pointee.sparse_tensor = try sparseTensor(s)
    case .type(let t):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTO)
      p.pointee.tp = type(t) ?? arena.message(onnx__type_proto__init)
    case .floats(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS)
      (p.pointee.n_floats, p.pointee.floats) = (v.count, arena.values(v))
    case .ints(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS)
      (p.pointee.n_ints, p.pointee.ints) = (v.count, arena.values(v))
    case .strings(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRINGS)
      let list = v.map { arena.binary(Array($0.utf8)) }
      (p.pointee.n_strings, p.pointee.strings) = (list.count, arena.values(list))
    case .tensors(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSORS)
      var list: [UnsafeMutablePointer<Onnx__TensorProto>] = []
      for t in v { list.append(try tensor(t)) }
      (p.pointee.n_tensors, p.pointee.tensors) = (list.count, arena.list(list))
    case .graphs(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPHS)
      var list: [UnsafeMutablePointer<Onnx__GraphProto>] = []
      for g in v { list.append(try graph(g)) }
      (p.pointee.n_graphs, p.pointee.graphs) = (list.count, arena.list(list))
    case .sparseTensors(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSORS)
      var list: [UnsafeMutablePointer<Onnx__SparseTensorProto>] = []
      for s in v { list.append(try sparseTensor(s)) }
      (p.pointee.n_sparse_tensors, p.pointee.sparse_tensors) = (list.count, arena.list(list))
    case .types(let v):
      kind(ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTOS)
      let list = v.map { type($0) ?? arena.message(onnx__type_proto__init) }
      (p.pointee.n_type_protos, p.pointee.type_protos) = (list.count, arena.list(list))
    case .reference(let ref, let k):
      kind(Onnx__AttributeProto__AttributeType(rawValue: UInt32(bitPattern: k)))
      p.pointee.ref_attr_name = arena.string(ref)
    }
    return p
  }
}
