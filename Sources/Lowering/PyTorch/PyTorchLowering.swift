import ModelGraph

/// Lowers an aten-dialect model (from `PyTorchImporter`) to ONNX opset 17, keeping NCHW.
///
/// ```swift
/// let onnx = try PyTorchLowering.lower(try PyTorchImporter.read(path: p), file: p)
/// ```
/// Every node gets the provenance of the FX node it came from; the tensor carrying an FX node's
/// output keeps the FX name; weights stay the importer's tensors (no copy). All unsupported ops
/// are reported together, before anything is lowered.
public enum PyTorchLowering {
  public static let opset: Int64 = 17

  public static func lower(_ model: Model, file: String) throws(LoweringError) -> Model {
    let source = model.graph
    try checkSupported(source, file: file)

    var types: [String: ValueType] = [:]
    for v in source.inputs + source.valueInfo + source.outputs { types[v.name] = v.type }
    for (name, t) in source.initializers { types[name] = .tensor(t.dtype, shape: t.shape.map { .fixed($0) }) }
    var consumed = Set(source.outputs.map(\.name))
    for node in source.nodes { consumed.formUnion(node.inputs) }
    let taken = Set(types.keys).union(source.nodes.flatMap(\.outputs))

    var emitter = ATenEmitter(file: file, types: types, consumed: consumed, taken: taken)
    for node in source.nodes {
      guard let rule = ATenRules.byOp[node.opType] else { preconditionFailure("checked above: \(node.opType)") }
      emitter.begin(node)
      try rule(&emitter)
    }

    var graph = Graph(name: source.name, nodes: emitter.nodes, inputs: source.inputs, outputs: source.outputs)
    let read = Set(graph.nodes.flatMap(\.inputs)).union(graph.outputs.map(\.name))
    graph.initializers = source.initializers.filter { read.contains($0.key) }.merging(emitter.initializers) { a, _ in a }
    let produced = Set(graph.nodes.flatMap(\.outputs))
    graph.valueInfo = source.valueInfo.filter { produced.contains($0.name) }
    do {
      try graph.validate()
    } catch {
      throw .invalidGraph(file: file, problem: error)
    }
    var lowered = Model(graph: graph, irVersion: 8, opsetImports: ["": opset])
    lowered.producerName = "deltann"
    lowered.docString = "Converted from \(model.producerName) \(model.producerVersion) by deltann."
    return lowered
  }

  /// Throws one error naming every op without a rule, with its nodes.
  static func checkSupported(_ graph: Graph, file: String) throws(LoweringError) {
    var missing: [String: [String]] = [:]
    for node in graph.nodes where node.domain != "aten" || ATenRules.byOp[node.opType] == nil {
      missing[node.domain == "aten" ? "aten.\(node.opType)" : node.opType, default: []].append(node.name)
    }
    guard missing.isEmpty else {
      throw .unsupportedOps(file: file, ops: missing.keys.sorted().map { UnsupportedOp(op: $0, nodes: missing[$0] ?? []) })
    }
  }
}
