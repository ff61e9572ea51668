import Foundation
import ModelFormats
import ModelGraph

/// A Relax module's dataflow — the `deltann.relax-graph/1` JSON and the .npz of values the TVM
/// helper writes for any Relax module (our TVM form, TVM's import of an ONNX file or a `.pt2`) —
/// as a ModelGraph in the `relax` dialect.
///
/// ```swift
/// let graph = try RelaxGraphReader.read(json: url, values: npz)   // nodes "nn.conv2d", "add", …
/// ```
/// One node per binding, named after it, its op without the `relax.` prefix (`nn.conv2d`,
/// `call_tir:pad`, `TupleGetItem`), its output the binding's name. Arguments: bindings and
/// parameters are inputs; constants become initializers (`<binding>:<slot>`); a shape argument is
/// the attribute `shape`, a scalar argument the attribute `arg<slot>`. A binding of our TVM form
/// carries its source layer as provenance. What the ops mean is `Lowering`'s business.
public enum RelaxGraphReader {
  public static let domain = "relax"

  public static func read(json: URL, values: URL?) throws(TVMError) -> Graph {
    let file = json.path
    let document: RelaxGraphDocument
    do {
      document = try JSONDecoder().decode(RelaxGraphDocument.self, from: Data(contentsOf: json))
    } catch {
      throw .badRelaxGraph(file: file, binding: nil, reason: "not a relax-graph JSON document (\(error))")
    }
    guard document.format == RelaxGraphDocument.format else {
      throw .badRelaxGraph(file: file, binding: nil, reason: "format '\(document.format)', expected '\(RelaxGraphDocument.format)'")
    }
    var archive: NPZReader?
    if let values {
      do { archive = try NPZReader(contentsOf: values) } catch {
        throw .badRelaxGraph(file: values.path, binding: nil, reason: "\(error)")
      }
    }
    return try graph(document, file: file) { key, binding throws(TVMError) in
      guard let archive else {
        throw .badRelaxGraph(file: file, binding: binding, reason: "'\(key)' is stored in the values .npz, and none was given")
      }
      do { return try archive.tensor(key) } catch { throw .badRelaxGraph(file: archive.url.path, binding: binding, reason: "\(error)") }
    }
  }

  static func graph(
    _ document: RelaxGraphDocument, file: String, stored: (String, String) throws(TVMError) -> Tensor
  ) throws(TVMError) -> Graph {
    var graph = Graph(name: document.form)
    var defined = Set<String>()
    for input in document.inputs {
      graph.inputs.append(.tensor(input.name, try dtype(input.dtype, file: file, binding: input.name), dims(input.shape)))
      defined.insert(input.name)
    }
    for param in document.params {
      let tensor = try stored(param.name, param.name)
      let declared = dims(param.shape)?.compactMap(\.value)
      guard declared == nil || declared == tensor.shape else {
        throw .badRelaxGraph(file: file, binding: param.name, reason: "the values .npz holds shape \(tensor.shape), main declares \(declared ?? [])")
      }
      graph.initializers[param.name] = tensor
      graph.inputs.append(.tensor(param.name, tensor.dtype, tensor.shape.map { .fixed($0) }))
      defined.insert(param.name)
    }
    for binding in document.bindings {
      var node = Node(name: binding.name, opType: opType(binding.op), domain: domain, inputs: [], outputs: [binding.name],
                      provenance: binding.layer.map { Provenance(sourceLayer: $0, sourceOp: binding.op, sourceNode: binding.tensor) })
      for (key, value) in binding.attrs { if let a = attribute(value) { node.attributes[key] = a } }
      for (slot, argument) in binding.args.enumerated() {
        try add(argument, slot: slot, to: &node, graph: &graph, defined: defined, file: file, stored: stored)
      }
      if let shape = binding.shape, let type = DType.allCases.first(where: { $0.name == binding.dtype }) {
        graph.valueInfo.append(.tensor(binding.name, type, dims(shape)))
      }
      graph.nodes.append(node)
      defined.insert(binding.name)
    }
    guard defined.contains(document.output) else {
      throw .badRelaxGraph(file: file, binding: nil, reason: "main returns '\(document.output)', which no binding or input defines")
    }
    let type = graph.valueInfo.first { $0.name == document.output }?.type ?? .tensor(.float32, shape: nil)
    graph.outputs = [ValueInfo(name: document.output, type: type)]
    return graph
  }

  /// `relax.nn.conv2d` → `nn.conv2d`; other spellings (`call_tir:pad`, `TupleGetItem`) as they are.
  static func opType(_ op: String) -> String { op.hasPrefix("relax.") ? String(op.dropFirst(6)) : op }

  private static func add(
    _ argument: JSON, slot: Int, to node: inout Node, graph: inout Graph, defined: Set<String>, file: String,
    stored: (String, String) throws(TVMError) -> Tensor
  ) throws(TVMError) {
    guard case .object(let fields) = argument, let (kind, value) = fields.first(where: { ["var", "tuple", "const", "shape_value", "prim", "function"].contains($0.key) }) else {
      throw .badRelaxGraph(file: file, binding: node.name, reason: "argument \(slot) is \(argument), not a var, tuple, const, shape or prim")
    }
    switch kind {
    case "var":
      guard case .string(let name) = value, defined.contains(name) else {
        throw .badRelaxGraph(file: file, binding: node.name, reason: "argument \(slot) reads \(value), which no earlier binding, input or parameter defines")
      }
      node.inputs.append(name)
    case "tuple":
      guard case .array(let items) = value else { throw .badRelaxGraph(file: file, binding: node.name, reason: "argument \(slot): a tuple must list its fields") }
      for item in items { try add(item, slot: slot, to: &node, graph: &graph, defined: defined, file: file, stored: stored) }
    case "const":
      let name = "\(node.name):\(slot)"
      graph.initializers[name] = try constant(fields, key: name, binding: node.name, file: file, stored: stored)
      node.inputs.append(name)
    case "shape_value":
      guard case .array(let items) = value, let ints = Optional(items.compactMap(\.int)), ints.count == items.count else {
        throw .badRelaxGraph(file: file, binding: node.name, reason: "argument \(slot): a shape must be integers, found \(value)")
      }
      node.attributes["shape"] = .ints(ints)
    case "prim":
      guard let a = attribute(value) else { throw .badRelaxGraph(file: file, binding: node.name, reason: "argument \(slot): \(value) is no value") }
      node.attributes["arg\(slot)"] = a
    default:
      throw .badRelaxGraph(file: file, binding: node.name, reason: "argument \(slot) calls the function \(value); "
        + "only main's dataflow of operators is read (dump the module before fusion)")
    }
  }

  /// An inline constant (its values in the JSON) or one stored in the .npz under `key`.
  private static func constant(
    _ fields: [String: JSON], key: String, binding: String, file: String,
    stored: (String, String) throws(TVMError) -> Tensor
  ) throws(TVMError) -> Tensor {
    guard case .array(let shapeItems)? = fields["shape"], case .string(let dtypeName)? = fields["dtype"] else {
      throw .badRelaxGraph(file: file, binding: binding, reason: "a constant needs its shape and dtype")
    }
    let shape = shapeItems.compactMap(\.int).map { Int($0) }
    if case .string(let storedKey)? = fields["key"] { return try stored(storedKey, binding) }
    guard case .array(let items)? = fields["const"], items.count == shape.reduce(1, *) else {
      throw .badRelaxGraph(file: file, binding: binding, reason: "a constant of shape \(shape) must list \(shape.reduce(1, *)) values or name its key")
    }
    switch try dtype(dtypeName, file: file, binding: binding) {
    case .float32:
      let values = items.compactMap(\.number).map { Float($0) }
      guard values.count == items.count else { throw .badRelaxGraph(file: file, binding: binding, reason: "non-numeric float32 constant \(items)") }
      return Tensor(values, shape: shape)
    case .int64, .int32, .bool:
      let values = items.map { item -> Int64? in if case .bool(let b) = item { b ? 1 : 0 } else { item.int } }.compactMap { $0 }
      guard values.count == items.count else { throw .badRelaxGraph(file: file, binding: binding, reason: "non-integer constant \(items)") }
      return Tensor(int64: values, shape: shape)
    default:
      throw .badRelaxGraph(file: file, binding: binding, reason: "a constant of dtype \(dtypeName); float32, int64, int32 and bool are read")
    }
  }

  private static func dtype(_ name: String, file: String, binding: String) throws(TVMError) -> DType {
    guard let type = DType.allCases.first(where: { $0.name == name }) else {
      throw .badRelaxGraph(file: file, binding: binding, reason: "unknown dtype '\(name)'")
    }
    return type
  }

  private static func dims(_ shape: [JSON]?) -> [Dim]? {
    shape?.map { d in d.int.map { .fixed(Int($0)) } ?? .symbolic("\(d)") }
  }

  /// An attribute from a JSON value; `nil` for null and for objects (no attribute of ours is one).
  static func attribute(_ value: JSON) -> Attribute? {
    switch value {
    case .null, .object: return nil
    case .bool(let b): return .int(b ? 1 : 0)
    case .int(let i): return .int(i)
    case .double(let d): return .float(Float(d))
    case .string(let s):
      // The helper spells the numbers JSON lacks as strings: "inf", "-inf", "nan".
      if let d = Double(s), !d.isFinite { return .float(Float(d)) }
      return .string(s)
    case .array(let items):
      let ints = items.compactMap(\.int), doubles = items.compactMap(\.number)
      if ints.count == items.count { return .ints(ints) }
      if doubles.count == items.count { return .floats(doubles.map { Float($0) }) }
      return .strings(items.map { if case .string(let s) = $0 { s } else { "\($0)" } })
    }
  }
}
