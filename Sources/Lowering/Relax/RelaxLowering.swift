import ModelGraph

/// Lowers a relax-dialect graph (`TVM.RelaxGraphReader`: a Relax module's dataflow, our TVM form
/// or TVM's import of an ONNX file or a `.pt2`) to ONNX opset 17, so that `Verify` lifts a TVM
/// form with the same rules as any ONNX candidate: one rule per Relax op (`RelaxRules`), each
/// node keeping its binding's source layer when it has one.
///
/// Tuples are structure, not compute: a `Tuple` binding stands for its fields, a `TupleGetItem`
/// of one reads the field, and bindings nothing reads (the unused index tensor of torch's
/// `max_pool2d`) are dropped before the ops are checked.
enum RelaxLowering {
  static func lower(_ graph: Graph, file: String) throws(LoweringError) -> Model {
    let nodes = live(resolvingTuples(graph.nodes), outputs: graph.outputs.map(\.name))
    var missing: [String: [String]] = [:]
    for node in nodes where RelaxRules.byOp[node.opType] == nil { missing["relax.\(node.opType)", default: []].append(node.name) }
    guard missing.isEmpty else {
      throw .unsupportedOps(file: file, ops: missing.keys.sorted().map { UnsupportedOp(op: $0, nodes: missing[$0] ?? []) })
    }
    var types: [String: ValueType] = [:]
    for v in graph.inputs + graph.valueInfo + graph.outputs { types[v.name] = v.type }
    for (name, t) in graph.initializers { types[name] = .tensor(t.dtype, shape: t.shape.map { .fixed($0) }) }
    var consumed = Set(graph.outputs.map(\.name))
    for node in nodes { consumed.formUnion(node.inputs) }
    let taken = Set(types.keys).union(nodes.flatMap(\.outputs))
    var emitter = ATenEmitter(file: file, types: types, consumed: consumed, taken: taken)
    emitter.sourcePrefix = nil
    for node in nodes {
      guard let rule = RelaxRules.byOp[node.opType] else { preconditionFailure("checked above: \(node.opType)") }
      emitter.begin(node)
      try rule(&emitter)
    }
    var lowered = Graph(name: graph.name, nodes: emitter.nodes, inputs: graph.inputs, outputs: graph.outputs)
    let read = Set(lowered.nodes.flatMap(\.inputs))
    lowered.initializers = graph.initializers.filter { read.contains($0.key) }.merging(emitter.initializers) { a, _ in a }
    lowered.inputs = graph.inputs.filter { graph.initializers[$0.name] == nil || read.contains($0.name) }
    let produced = Set(lowered.nodes.flatMap(\.outputs))
    lowered.valueInfo = graph.valueInfo.filter { produced.contains($0.name) }
    do { try lowered.validate() } catch { throw .invalidGraph(file: file, problem: error) }
    var model = Model(graph: lowered, irVersion: 8, opsetImports: ["": PyTorchLowering.opset])
    model.producerName = "deltann"
    model.docString = "Lowered by deltann from the Relax module \(graph.name)."
    return model
  }

  /// `Tuple` bindings replaced by their fields wherever they are read; a `TupleGetItem` of one
  /// reads its field (as index 0 of a one-field read).
  static func resolvingTuples(_ nodes: [Node]) -> [Node] {
    var fields: [String: [String]] = [:]
    var out: [Node] = []
    for var node in nodes {
      if node.opType == "Tuple", let name = node.outputs.first {
        fields[name] = node.inputs.flatMap { fields[$0] ?? [$0] }
        continue
      }
      if node.opType == "TupleGetItem", let tuple = node.inputs.first, let items = fields[tuple] {
        let index = Int(node.attributes["index"]?.int ?? 0)
        node.inputs = index < items.count ? [items[index]] : node.inputs
        node.attributes["index"] = .int(index < items.count ? 0 : Int64(index))
      } else {
        node.inputs = node.inputs.flatMap { fields[$0] ?? [$0] }
      }
      out.append(node)
    }
    return out
  }

  /// The nodes some graph output depends on, in order.
  static func live(_ nodes: [Node], outputs: [String]) -> [Node] {
    var needed = Set(outputs)
    var keep = [Bool](repeating: false, count: nodes.count)
    for (i, node) in nodes.enumerated().reversed() where node.outputs.contains(where: needed.contains) {
      keep[i] = true
      needed.formUnion(node.inputs)
    }
    return nodes.indices.filter { keep[$0] }.map { nodes[$0] }
  }
}
