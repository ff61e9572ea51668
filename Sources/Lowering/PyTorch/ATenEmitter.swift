import ModelGraph

/// What a lowering rule sees of one aten node, and where it puts the ONNX nodes it makes.
///
/// A rule reads arguments by schema name (`try e.ints("stride")`, tensor slots as `e.input(0)`)
/// and emits nodes; the last one it emits with `finish` writes the FX node's own output name,
/// so activations of the source and of the ONNX graph align by name. Nodes are named
/// `<fx node>/<OnnxOp>` (`_2`, `_3` when repeated) and carry the source node's provenance.
struct ATenEmitter {
  let file: String
  /// Types of every source tensor (inputs, initializers, intermediates, outputs).
  let types: [String: ValueType]
  /// Tensors some source node or graph output reads.
  let consumed: Set<String>
  private(set) var nodes: [Node] = []
  private(set) var initializers: [String: Tensor] = [:]
  private(set) var node: Node
  private var taken: Set<String>
  /// The dialect prefix of the provenance given to nodes of a source node without any (`aten.`);
  /// `nil` gives them none (relax bindings of TVM's own imports name no source layer).
  var sourcePrefix: String? = "aten."

  init(file: String, types: [String: ValueType], consumed: Set<String>, taken: Set<String>) {
    self.file = file
    self.types = types
    self.consumed = consumed
    self.taken = taken
    self.node = Node(name: "", opType: "", inputs: [], outputs: [])
  }

  /// Starts lowering `source`.
  mutating func begin(_ source: Node) { node = source }

  /// The FX output `k` of the current node.
  func result(_ k: Int = 0) -> String { k < node.outputs.count ? node.outputs[k] : "" }

  /// Tensor slot `k` of the schema, `""` when absent.
  func input(_ k: Int) -> String { k < node.inputs.count ? node.inputs[k] : "" }

  /// Emits one ONNX node and returns its (first) output's name: `output`, or a fresh name.
  @discardableResult
  mutating func emit(
    _ opType: String, _ inputs: [String], _ attributes: [String: Attribute] = [:], output: String? = nil
  ) -> String {
    let name = unique("\(node.name)/\(opType)")
    let out = output ?? unique("\(name)_output")
    var provenance = node.provenance ?? sourcePrefix.map { Provenance(sourceLayer: node.name, sourceOp: $0 + node.opType) }
    provenance?.sourceNode = node.name
    nodes.append(Node(name: name, opType: opType, inputs: inputs, outputs: [out], attributes: attributes,
                      provenance: provenance))
    return out
  }

  /// Emits the node that produces the FX node's output.
  mutating func finish(_ opType: String, _ inputs: [String], _ attributes: [String: Attribute] = [:]) {
    emit(opType, inputs, attributes, output: result())
  }

  /// Adds a constant initializer named `<fx node>/<label>` and returns its name.
  mutating func constant(_ tensor: Tensor, _ label: String) -> String {
    let name = unique("\(node.name)/\(label)")
    initializers[name] = tensor
    return name
  }

  /// A 1-D int64 constant (shapes, axes, pads).
  mutating func int64s(_ values: [Int], _ label: String) -> String {
    constant(Tensor(int64: values.map { Int64($0) }, shape: [values.count]), label)
  }

  /// A scalar constant of `dtype` (float or integer types).
  mutating func scalar(_ value: Double, _ dtype: DType, _ label: String) -> String {
    let t: Tensor = switch dtype {
    case .float64: Tensor(values: [value], dtype: .float64, shape: [])
    case .float16: Tensor(values: [Float16(value)], dtype: .float16, shape: [])
    case .int64: Tensor(values: [Int64(value)], dtype: .int64, shape: [])
    case .int32: Tensor(values: [Int32(value)], dtype: .int32, shape: [])
    default: Tensor([Float(value)], shape: [])
    }
    return constant(t, label)
  }

  private mutating func unique(_ base: String) -> String {
    var name = base, k = 1
    while taken.contains(name) {
      k += 1
      name = "\(base)_\(k)"
    }
    taken.insert(name)
    return name
  }
}
