import ModelGraph

/// Flattens a Keras model config plus its weights into a source-dialect graph: one node per
/// layer call (domain `keras`, op type = class name, attributes = config), weights as
/// initializers `<layer>/<variable>`, nested models inlined with qualified names
/// (`block/conv`) and closed by an `Identity` node named after the nested model, so the
/// nested model's output keeps its name.
struct KerasGraphBuilder {
  let file: String
  let weights: KerasWeightSource
  var graph = Graph()
  /// Shapes Keras recorded for tensors (Keras 3 files), stored as `valueInfo` at the end.
  var recordedShapes: [String: [Int?]] = [:]

  init(file: String, weights: KerasWeightSource) {
    self.file = file
    self.weights = weights
  }

  /// Builds the graph of `model`.
  static func build(_ model: KerasModelConfig, file: String, weights: KerasWeightSource) throws(ImportError) -> Graph {
    var builder = KerasGraphBuilder(file: file, weights: weights)
    builder.graph.name = model.name
    let outputs = try builder.add(model, scope: [], inputs: nil)
    builder.graph.outputs = outputs.map { .tensor($0, .float32, builder.recordedShapes[$0].map(Self.dims)) }
    builder.graph.valueInfo = builder.recordedShapes.keys.sorted().compactMap { name in
      builder.graph.outputs.contains { $0.name == name } ? nil
        : .tensor(name, .float32, builder.recordedShapes[name].map(Self.dims))
    }
    return builder.graph
  }

  static func dims(_ shape: [Int?]) -> [Dim] {
    shape.enumerated().map { i, d in d.map(Dim.fixed) ?? (i == 0 ? .symbolic("N") : .unknown) }
  }

  /// The tensor name of output `tensor` of call `node` of `layer` (qualified).
  static func tensorName(_ layer: String, node: Int, tensor: Int) -> String {
    layer + (node > 0 || tensor > 0 ? ":\(node)" : "") + (tensor > 0 ? ":\(tensor)" : "")
  }

  /// Adds the layers of `model` (nested at `scope`) and returns its output tensor names.
  /// `inputs` are the tensors feeding a nested model; `nil` makes its inputs graph inputs.
  mutating func add(_ model: KerasModelConfig, scope: [String], inputs: [String]?) throws(ImportError) -> [String] {
    switch model.kind {
    case .functional: return try addFunctional(model, scope: scope, inputs: inputs)
    case .sequential: return try addSequential(model, scope: scope, inputs: inputs)
    }
  }

  func qualified(_ scope: [String], _ name: String) -> String { (scope + [name]).joined(separator: "/") }

  mutating func addGraphInput(_ layer: KerasLayerConfig, name: String) {
    let shape = (layer.config["batch_shape"] ?? layer.config["batch_input_shape"]).flatMap(KerasModelConfig.shape)
    let dtype: DType = layer.config["dtype"]?.string == "float64" ? .float64 : .float32
    graph.inputs.append(.tensor(name, dtype, shape.map(Self.dims)))
    if let shape { recordedShapes[name] = shape }
  }

  mutating func addFunctional(_ model: KerasModelConfig, scope: [String], inputs: [String]?) throws(ImportError) -> [String] {
    var known: [KerasTensorRef: String] = [:]
    func key(_ r: KerasTensorRef) -> KerasTensorRef { KerasTensorRef(layer: r.layer, node: r.node, tensor: r.tensor) }
    for (i, ref) in model.inputs.enumerated() {
      guard let layer = model.layers.first(where: { $0.name == ref.layer }) else {
        throw .undefinedInput(file: file, layer: model.name, reference: ref.layer)
      }
      if let inputs {
        guard i < inputs.count else {
          throw .invalidConfig(file: file, reason: "nested model '\(qualified(scope, ""))' is called with \(inputs.count) inputs, it has \(model.inputs.count)")
        }
        known[key(ref)] = inputs[i]
      } else {
        let name = qualified(scope, layer.name)
        addGraphInput(layer, name: name)
        known[key(ref)] = name
      }
    }
    let siblings = model.layers.map { ($0.name, $0.className) }
    // Layers are listed in a valid order in practice; loop until every call is placed anyway.
    var pending = model.layers.filter { $0.className != "InputLayer" }.flatMap { layer in
      layer.calls.indices.map { (layer, $0) }
    }
    while !pending.isEmpty {
      var remaining: [(KerasLayerConfig, Int)] = []
      for (layer, call) in pending {
        let refs = layer.calls[call]
        guard refs.allSatisfy({ known[key($0)] != nil }) else { remaining.append((layer, call)); continue }
        for ref in refs where ref.shape != nil { recordedShapes[known[key(ref)] ?? ""] = ref.shape }
        let outputs = try addCall(layer, call: call, inputs: refs.compactMap { known[key($0)] },
                                  inputShape: refs.first?.shape, scope: scope, siblings: siblings)
        let node = call + (model.nestedCallsCountFromOne && layer.model != nil ? 1 : 0)
        for (t, name) in outputs.enumerated() { known[KerasTensorRef(layer: layer.name, node: node, tensor: t)] = name }
      }
      if remaining.count == pending.count {
        let (layer, call) = remaining[0]
        let missing = layer.calls[call].first { known[key($0)] == nil }
        throw .undefinedInput(file: file, layer: qualified(scope, layer.name), reference: missing?.layer ?? "?")
      }
      pending = remaining
    }
    var outputs: [String] = []
    for ref in model.outputs {
      guard let name = known[key(ref)] else { throw .undefinedInput(file: file, layer: model.name, reference: ref.layer) }
      outputs.append(name)
    }
    return outputs
  }

  mutating func addSequential(_ model: KerasModelConfig, scope: [String], inputs: [String]?) throws(ImportError) -> [String] {
    var current = inputs?.first
    let layers = model.layers.filter { $0.className != "InputLayer" }
    if current == nil {
      if let input = model.layers.first(where: { $0.className == "InputLayer" }) {
        current = qualified(scope, input.name)
        addGraphInput(input, name: qualified(scope, input.name))
      } else {
        var first = layers.first ?? KerasLayerConfig(className: "InputLayer", name: "input_layer", config: [:], calls: [])
        if first.config["batch_input_shape"] == nil, let shape = model.buildInputShape {
          first.config["batch_shape"] = .array(shape.map { $0.map { .int(Int64($0)) } ?? .null })
        }
        let name = qualified(scope, "input_layer")
        addGraphInput(first, name: name)
        current = name
      }
    }
    let siblings = layers.map { ($0.name, $0.className) }
    for layer in layers {
      guard let input = current else { break }
      current = try addCall(layer, call: 0, inputs: [input], inputShape: nil, scope: scope, siblings: siblings).first
    }
    return current.map { [$0] } ?? []
  }

  /// Adds call `call` of `layer` reading `inputs`; returns its output tensor names.
  mutating func addCall(
    _ layer: KerasLayerConfig, call: Int, inputs: [String], inputShape: [Int?]?, scope: [String],
    siblings: [(name: String, className: String)]
  ) throws(ImportError) -> [String] {
    let name = Self.tensorName(qualified(scope, layer.name), node: call, tensor: 0)
    let variables = try self.variables(of: layer, inputShape: inputShape, scope: scope, siblings: siblings)
    if let nested = layer.model {
      let inner = try add(nested, scope: scope + [call == 0 ? layer.name : "\(layer.name):\(call)"], inputs: inputs)
      return inner.enumerated().map { t, output in
        let outputName = Self.tensorName(qualified(scope, layer.name), node: call, tensor: t)
        graph.nodes.append(Node(
          name: outputName, opType: "Identity", domain: "keras", inputs: [output], outputs: [outputName],
          provenance: Provenance(sourceLayer: qualified(scope, layer.name), sourceOp: "keras.\(layer.className)")))
        return outputName
      }
    }
    graph.nodes.append(Node(
      name: name, opType: layer.className, domain: "keras", inputs: inputs + variables, outputs: [name],
      attributes: KerasAttributes.from(layer.config),
      provenance: Provenance(sourceLayer: qualified(scope, layer.name), sourceOp: "keras.\(layer.className)")))
    return [name]
  }
}
