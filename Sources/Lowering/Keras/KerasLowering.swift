import ModelGraph

/// Lowers a `keras` dialect graph to ONNX: one rule per layer class (`KerasRules.swift`),
/// NHWC → NCHW with transposes inserted only where a layer needs the other layout, every node
/// named `<layer>/<Op>` with the layer as provenance, and each layer's output tensor named
/// after the layer.
struct KerasLowering {
  let options: LoweringOptions
  var graph = Graph()
  /// The layer being lowered: nodes emitted now carry its name and provenance.
  private(set) var current: Node?
  private var currentStart = 0
  private var usedNames: Set<String> = []
  /// Transposes already made: `source tensor + direction` → transposed tensor.
  private var transposes: [String: String] = [:]
  /// The source node that made each ONNX tensor (for naming transposes after it).
  private var producers: [String: Node] = [:]

  init(options: LoweringOptions) { self.options = options }

  static func lower(_ source: Graph, options: LoweringOptions) throws(LoweringError) -> Model {
    try checkSupported(source)
    var b = KerasLowering(options: options)
    b.graph.name = source.name
    var values: [String: KerasValue] = [:]
    for input in source.inputs {
      let shape = input.type.shape?.map(\.value) ?? []
      let channelsFirst = !options.keepNHWC && shape.count >= 3
      let value = KerasValue(name: input.name, shape: shape, channelsFirst: channelsFirst)
      b.graph.inputs.append(.tensor(input.name, input.type.elementType ?? .float32, KerasValue.dims(value.physicalShape)))
      values[input.name] = value
    }
    for node in source.nodes {
      guard let rule = KerasRules.rule(for: node.opType) else { continue }  // checked above
      var inputs: [KerasValue] = []
      var weights: [String: Tensor] = [:]
      for name in node.inputs {
        if let w = source.initializers[name] {
          weights[String(name.split(separator: "/").last ?? "")] = w
        } else if let v = values[name] {
          inputs.append(v)
        } else {
          throw .badInput(layer: node.name, expected: "a defined input", found: "'\(name)', which no earlier layer makes")
        }
      }
      let layer = KerasLayer(node: node, inputs: inputs, weights: weights)
      b.begin(node)
      let result = try rule.lower(layer, &b)
      values[node.outputs[0]] = b.finish(result, as: node.outputs[0])
    }
    for output in source.outputs {
      guard var value = values[output.name] else {
        throw .badInput(layer: output.name, expected: "a graph output made by a layer", found: "nothing")
      }
      if options.keepNHWC && value.channelsFirst { value = b.moveToChannelsLast(output: value) }
      b.graph.outputs.append(.tensor(output.name, .float32, KerasValue.dims(value.physicalShape)))
    }
    let outputNames = Set(b.graph.outputs.map(\.name))
    b.graph.valueInfo.removeAll { outputNames.contains($0.name) }
    if options.foldBatchNorm { b.graph = BatchNormFolding.fold(b.graph) }
    var model = Model(graph: b.graph, irVersion: 8, opsetImports: ["": Int64(options.opset)])
    model.producerName = "deltann"
    return model
  }

  /// Throws one error naming every layer no rule can lower.
  static func checkSupported(_ source: Graph) throws(LoweringError) {
    var unsupported: [UnsupportedLayer] = []
    for node in source.nodes {
      let layer = node.provenance?.sourceLayer ?? node.name
      guard let rule = KerasRules.rule(for: node.opType) else {
        let reason = node.opType == "Lambda" ? "Lambda layers hold Python code, which cannot be converted"
          : "no conversion rule for this class (a custom or unsupported layer)"
        unsupported.append(UnsupportedLayer(layer: layer, className: node.opType, reason: reason))
        continue
      }
      if let reason = rule.unsupported(node) {
        unsupported.append(UnsupportedLayer(layer: layer, className: node.opType, reason: reason))
      }
    }
    if !unsupported.isEmpty { throw .unsupportedLayers(unsupported, supported: KerasRules.supportedClasses) }
  }

  // MARK: Emitting nodes

  private mutating func begin(_ node: Node) {
    current = node
    currentStart = graph.nodes.count
  }

  /// A node named `<layer>/<op>` (`_2`, `_3` when repeated) whose output has the same name.
  mutating func emit(_ op: String, _ inputs: [String], _ attributes: [String: Attribute] = [:]) -> String {
    let layer = current?.name ?? ""
    return emit(op, inputs, attributes, for: current, name: "\(layer)/\(op)")
  }

  private mutating func emit(
    _ op: String, _ inputs: [String], _ attributes: [String: Attribute], for source: Node?, name base: String
  ) -> String {
    var name = base
    var n = 1
    while usedNames.contains(name) { n += 1; name = "\(base)_\(n)" }
    usedNames.insert(name)
    let provenance = source.map { Provenance(sourceLayer: $0.provenance?.sourceLayer ?? $0.name, sourceOp: "keras.\($0.opType)") }
    graph.nodes.append(Node(name: name, opType: op, inputs: inputs, outputs: [name], attributes: attributes, provenance: provenance))
    if let source { producers[name] = source }
    return name
  }

  /// Adds the initializer `<layer>/<suffix>` and returns its name.
  mutating func constant(_ suffix: String, _ tensor: Tensor) -> String {
    var name = "\(current?.name ?? "")/\(suffix)"
    var n = 1
    while graph.initializers[name] != nil { n += 1; name = "\(current?.name ?? "")/\(suffix)_\(n)" }
    graph.initializers[name] = tensor
    return name
  }

  /// Names the layer's result after the layer: renames the output of the node that made it
  /// in this layer, or adds an Identity when the layer made no node (Dropout).
  private mutating func finish(_ result: KerasValue, as output: String) -> KerasValue {
    var value = result
    value.name = output
    let madeHere = graph.nodes[currentStart...].contains { $0.outputs.contains(result.name) }
    if madeHere && !transposes.values.contains(result.name) {
      for j in currentStart..<graph.nodes.count {
        graph.nodes[j].inputs = graph.nodes[j].inputs.map { $0 == result.name ? output : $0 }
        graph.nodes[j].outputs = graph.nodes[j].outputs.map { $0 == result.name ? output : $0 }
      }
    } else {
      _ = emit("Identity", [result.name])
      graph.nodes[graph.nodes.count - 1].outputs = [output]
    }
    producers[output] = current
    graph.valueInfo.append(ValueInfo(name: output, type: .tensor(.float32, shape: KerasValue.dims(value.physicalShape)),
                                     docString: value.layoutNote))
    return value
  }

  // MARK: Layout

  /// `v` as a channels-first ONNX tensor (a Transpose named after `v`'s layer, made once).
  mutating func channelsFirst(_ v: KerasValue) -> String {
    v.channelsFirst || v.rank < 3 ? v.name : transpose(v, perm: KerasValue.toChannelsFirst(v.rank), tag: "nchw")
  }

  /// `v` as a channels-last ONNX tensor, the Keras order (a Transpose made once).
  mutating func channelsLast(_ v: KerasValue) -> String {
    !v.channelsFirst || v.rank < 3 ? v.name : transpose(v, perm: KerasValue.toChannelsLast(v.rank), tag: "nhwc")
  }

  /// `v` in the same layout as `like` (for elementwise ops).
  mutating func layout(_ v: KerasValue, like: KerasValue) -> String {
    like.channelsFirst && v.rank == like.rank ? channelsFirst(v) : channelsLast(v)
  }

  private mutating func transpose(_ v: KerasValue, perm: [Int], tag: String) -> String {
    let key = "\(v.name)\u{0}\(tag)"
    if let done = transposes[key] { return done }
    let source = producers[v.name]
    let owner = source?.name ?? v.name
    let name = emit("Transpose", [v.name], ["perm": .ints(perm.map(Int64.init))], for: source ?? current, name: "\(owner)/Transpose")
    transposes[key] = name
    return name
  }

  /// Re-points graph output `value` to a channels-last copy named like it (`--keep-nhwc`).
  mutating func moveToChannelsLast(output value: KerasValue) -> KerasValue {
    let inner = "\(value.name)/nchw"
    for j in graph.nodes.indices {
      graph.nodes[j].inputs = graph.nodes[j].inputs.map { $0 == value.name ? inner : $0 }
      graph.nodes[j].outputs = graph.nodes[j].outputs.map { $0 == value.name ? inner : $0 }
    }
    let source = producers[value.name]
    _ = emit("Transpose", [inner], ["perm": .ints(KerasValue.toChannelsLast(value.rank).map(Int64.init))],
             for: source, name: "\(value.name)/Transpose")
    graph.nodes[graph.nodes.count - 1].outputs = [value.name]
    var result = value
    result.channelsFirst = false
    return result
  }
}
