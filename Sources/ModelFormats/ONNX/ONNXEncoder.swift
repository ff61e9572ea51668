import CProtobufONNX
import ModelGraph

/// Builds protobuf-c ONNX structs from `ModelGraph` values in arena memory, ready to pack.
/// Tensor bytes are not copied: `raw_data` points into each tensor's storage, so the values must
/// outlive the packing (`ONNXFile` guarantees it).
struct ONNXEncoder {
  let arena = CArena()
  /// Receives initializers written as external data, when the policy asks for it.
  let sink: ExternalDataSink?
  /// The file named in errors.
  let file: String

  func model(_ m: Model) throws(FormatError) -> UnsafeMutablePointer<Onnx__ModelProto> {
    let p = arena.message(onnx__model_proto__init)
    p.pointee.has_ir_version = 1
    p.pointee.ir_version = m.irVersion
    (p.pointee.n_opset_import, p.pointee.opset_import) = opsets(m.opsetImports)
    p.pointee.producer_name = arena.optionalString(m.producerName)
    p.pointee.producer_version = arena.optionalString(m.producerVersion)
    p.pointee.domain = arena.optionalString(m.domain)
    if m.modelVersion != 0 {
      p.pointee.has_model_version = 1
      p.pointee.model_version = m.modelVersion
    }
    p.pointee.doc_string = arena.optionalString(m.docString)
    p.pointee.graph = try graph(m.graph)
    let props = m.metadata.map { entry($0.key, $0.value) }
    (p.pointee.n_metadata_props, p.pointee.metadata_props) = (props.count, arena.list(props))
    var functions: [UnsafeMutablePointer<Onnx__FunctionProto>] = []
    for f in m.functions { functions.append(try function(f)) }
    (p.pointee.n_functions, p.pointee.functions) = (functions.count, arena.list(functions))
    try setUnknown(&p.pointee.base, m.unknownFields)
    return p
  }

  func graph(_ g: Graph) throws(FormatError) -> UnsafeMutablePointer<Onnx__GraphProto> {
    let p = arena.message(onnx__graph_proto__init)
    var nodes: [UnsafeMutablePointer<Onnx__NodeProto>] = []
    for n in g.nodes { nodes.append(try node(n)) }
    (p.pointee.n_node, p.pointee.node) = (nodes.count, arena.list(nodes))
    p.pointee.name = arena.optionalString(g.name)
    var initializers: [UnsafeMutablePointer<Onnx__TensorProto>] = []
    for name in g.initializers.keys.sorted() {
      guard let t = g.initializers[name] else { continue }
      initializers.append(try tensor(t, name: name, mayBeExternal: true))
    }
    (p.pointee.n_initializer, p.pointee.initializer) = (initializers.count, arena.list(initializers))
    var sparse: [UnsafeMutablePointer<Onnx__SparseTensorProto>] = []
    for name in g.sparseInitializers.keys.sorted() {
      guard let s = g.sparseInitializers[name] else { continue }
      sparse.append(try sparseTensor(s, name: name))
    }
    (p.pointee.n_sparse_initializer, p.pointee.sparse_initializer) = (sparse.count, arena.list(sparse))
    p.pointee.doc_string = arena.optionalString(g.docString)
    (p.pointee.n_input, p.pointee.input) = try valueInfos(g.inputs)
    (p.pointee.n_output, p.pointee.output) = try valueInfos(g.outputs)
    (p.pointee.n_value_info, p.pointee.value_info) = try valueInfos(g.valueInfo)
    try setUnknown(&p.pointee.base, g.unknownFields)
    return p
  }

  func node(_ n: Node) throws(FormatError) -> UnsafeMutablePointer<Onnx__NodeProto> {
    let p = arena.message(onnx__node_proto__init)
    (p.pointee.n_input, p.pointee.input) = (n.inputs.count, arena.strings(n.inputs))
    (p.pointee.n_output, p.pointee.output) = (n.outputs.count, arena.strings(n.outputs))
    p.pointee.name = arena.optionalString(n.name)
    p.pointee.op_type = arena.optionalString(n.opType)
    p.pointee.domain = arena.optionalString(n.domain)
    var attributes: [UnsafeMutablePointer<Onnx__AttributeProto>] = []
    for name in n.attributes.keys.sorted() {
      guard let a = n.attributes[name] else { continue }
      attributes.append(try attribute(a, name: name))
    }
    (p.pointee.n_attribute, p.pointee.attribute) = (attributes.count, arena.list(attributes))
    let doc = n.provenance.map { $0.docString(followedBy: n.docString) } ?? n.docString
    p.pointee.doc_string = arena.optionalString(doc)
    try setUnknown(&p.pointee.base, n.unknownFields)
    return p
  }

  func function(_ f: Function) throws(FormatError) -> UnsafeMutablePointer<Onnx__FunctionProto> {
    let p = arena.message(onnx__function_proto__init)
    p.pointee.name = arena.optionalString(f.name)
    (p.pointee.n_input, p.pointee.input) = (f.inputs.count, arena.strings(f.inputs))
    (p.pointee.n_output, p.pointee.output) = (f.outputs.count, arena.strings(f.outputs))
    (p.pointee.n_attribute, p.pointee.attribute) = (f.attributeNames.count, arena.strings(f.attributeNames))
    var nodes: [UnsafeMutablePointer<Onnx__NodeProto>] = []
    for n in f.nodes { nodes.append(try node(n)) }
    (p.pointee.n_node, p.pointee.node) = (nodes.count, arena.list(nodes))
    p.pointee.doc_string = arena.optionalString(f.docString)
    (p.pointee.n_opset_import, p.pointee.opset_import) = opsets(f.opsetImports)
    p.pointee.domain = arena.optionalString(f.domain)
    try setUnknown(&p.pointee.base, f.unknownFields)
    return p
  }

  func valueInfos(_ infos: [ValueInfo]) throws(FormatError) -> (Int, UnsafeMutablePointer<UnsafeMutablePointer<Onnx__ValueInfoProto>?>?) {
    var list: [UnsafeMutablePointer<Onnx__ValueInfoProto>] = []
    for info in infos {
      let p = arena.message(onnx__value_info_proto__init)
      p.pointee.name = arena.optionalString(info.name)
      p.pointee.type = type(info.type)
      p.pointee.doc_string = arena.optionalString(info.docString)
      try setUnknown(&p.pointee.base, info.unknownFields)
      list.append(p)
    }
    return (list.count, arena.list(list))
  }

  /// A `TypeProto`, or `nil` for `.unspecified`.
  func type(_ t: ValueType) -> UnsafeMutablePointer<Onnx__TypeProto>? {
    let p = arena.message(onnx__type_proto__init)
    switch t {
    case .unspecified:
      return nil
    case .tensor(let dtype, let shape):
      let tt = arena.message(onnx__type_proto__tensor__init)
      (tt.pointee.has_elem_type, tt.pointee.elem_type) = (1, dtype.rawValue)
      tt.pointee.shape = shape.map(self.shape)
      p.pointee.value_case = ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE
      p.pointee.tensor_type = tt
    case .sparseTensor(let dtype, let shape):
      let tt = arena.message(onnx__type_proto__sparse_tensor__init)
      (tt.pointee.has_elem_type, tt.pointee.elem_type) = (1, dtype.rawValue)
      tt.pointee.shape = shape.map(self.shape)
      p.pointee.value_case = ONNX__TYPE_PROTO__VALUE_SPARSE_TENSOR_TYPE
      p.pointee.sparse_tensor_type = tt
    case .sequence(let element):
      let s = arena.message(onnx__type_proto__sequence__init)
      s.pointee.elem_type = type(element)
      p.pointee.value_case = ONNX__TYPE_PROTO__VALUE_SEQUENCE_TYPE
      p.pointee.sequence_type = s
    case .optional(let element):
      let o = arena.message(onnx__type_proto__optional__init)
      o.pointee.elem_type = type(element)
      p.pointee.value_case = ONNX__TYPE_PROTO__VALUE_OPTIONAL_TYPE
      p.pointee.optional_type = o
    case .map(let key, let value):
      let m = arena.message(onnx__type_proto__map__init)
      (m.pointee.has_key_type, m.pointee.key_type) = (1, key.rawValue)
      m.pointee.value_type = type(value)
      p.pointee.value_case = ONNX__TYPE_PROTO__VALUE_MAP_TYPE
      p.pointee.map_type = m
    }
    return p
  }

  func shape(_ dims: [Dim]) -> UnsafeMutablePointer<Onnx__TensorShapeProto> {
    let s = arena.message(onnx__tensor_shape_proto__init)
    let list = dims.map { d in
      let p = arena.message(onnx__tensor_shape_proto__dimension__init)
      switch d {
      case .fixed(let n):
        p.pointee.value_case = ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE
        p.pointee.dim_value = Int64(n)
      case .symbolic(let name):
        p.pointee.value_case = ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM
        p.pointee.dim_param = arena.string(name)
      case .unknown:
        break
      }
      return p
    }
    (s.pointee.n_dim, s.pointee.dim) = (list.count, arena.list(list))
    return s
  }

  func opsets(_ map: [String: Int64]) -> (Int, UnsafeMutablePointer<UnsafeMutablePointer<Onnx__OperatorSetIdProto>?>?) {
    let list = map.keys.sorted().map { domain in
      let p = arena.message(onnx__operator_set_id_proto__init)
      p.pointee.domain = arena.string(domain)
      (p.pointee.has_version, p.pointee.version) = (1, map[domain] ?? 0)
      return p
    }
    return (list.count, arena.list(list))
  }

  func entry(_ key: String, _ value: String) -> UnsafeMutablePointer<Onnx__StringStringEntryProto> {
    let p = arena.message(onnx__string_string_entry_proto__init)
    p.pointee.key = arena.string(key)
    p.pointee.value = arena.string(value)
    return p
  }

  /// Attaches a blob of kept wire fields as protobuf-c unknown fields (packed after known ones).
  func setUnknown(_ base: inout ProtobufCMessage, _ blob: [UInt8]) throws(FormatError) {
    guard !blob.isEmpty else { return }
    guard let fields = WireFields.split(blob) else {
      throw .invalidField(file: file, field: "unknownFields", problem: "the kept bytes are not well-formed protobuf fields")
    }
    let p = arena.array(ProtobufCMessageUnknownField.self, fields.count)
    for (i, f) in fields.enumerated() {
      let data = arena.binary(Array(f.payload))
      p[i] = ProtobufCMessageUnknownField(
        tag: f.number, wire_type: ProtobufCWireType(rawValue: UInt32(f.wireType)), len: data.len, data: data.data)
    }
    base.n_unknown_fields = UInt32(fields.count)
    base.unknown_fields = p
  }
}
