import ModelFormats

/// A reference to a Keras tensor: output `tensor` of call `node` of `layer` (`keras_history`).
struct KerasTensorRef: Sendable, Hashable {
  var layer: String
  var node: Int
  var tensor: Int
  /// The shape Keras recorded with the reference (Keras 3 only), `nil` entries unknown.
  var shape: [Int?]?
}

/// One layer of a model config: its class, name, own config, and the inputs of each call.
struct KerasLayerConfig: Sendable {
  var className: String
  var name: String
  var config: [String: JSON]
  /// Input references of each call, in call order (`inbound_nodes`).
  var calls: [[KerasTensorRef]]
  /// Set when the layer is itself a Functional or Sequential model.
  var model: KerasModelConfig?
}

/// A Functional or Sequential model config, nested models kept as trees.
struct KerasModelConfig: Sendable {
  enum Kind: Sendable { case functional, sequential }
  var kind: Kind
  var name: String
  var layers: [KerasLayerConfig]
  var inputs: [KerasTensorRef]
  var outputs: [KerasTensorRef]
  /// The input shape a Sequential model without an InputLayer was built with.
  var buildInputShape: [Int?]?
  /// tf.keras 2 configs (inbound nodes as lists) number a nested model's calls from 1: its
  /// node 0 is its own internal graph.
  var nestedCallsCountFromOne: Bool

  static let modelClasses: Set<String> = ["Functional", "Model", "Sequential"]
}

extension KerasModelConfig {
  /// Parses `{"class_name": "Functional" | "Sequential", "config": {...}}`.
  init(json: JSON, file: String) throws(ImportError) {
    guard let className = json["class_name"]?.string, Self.modelClasses.contains(className),
      let config = json["config"]?.object, let layers = config["layers"]?.array
    else {
      let found = json["class_name"]?.string ?? "no class_name"
      throw .invalidConfig(file: file, reason: "expected a Functional or Sequential model with a 'layers' list, found \(found)")
    }
    kind = className == "Sequential" ? .sequential : .functional
    name = config["name"]?.string ?? ""
    self.layers = []
    for layer in layers { self.layers.append(try KerasLayerConfig(json: layer, file: file)) }
    inputs = Self.refs(config["input_layers"])
    outputs = Self.refs(config["output_layers"])
    buildInputShape = (config["build_input_shape"]).flatMap(Self.shape)
    nestedCallsCountFromOne = layers.contains { $0["inbound_nodes"]?.array?.first?.array != nil }
    if kind == .functional && (inputs.isEmpty || outputs.isEmpty) {
      throw .invalidConfig(file: file, reason: "model '\(name)' lists no input_layers or output_layers")
    }
  }

  /// `["fc", 0, 0]` or `[["a", 0, 0], ["b", 0, 0]]`.
  static func refs(_ json: JSON?) -> [KerasTensorRef] {
    guard let list = json?.array else { return [] }
    if list.first?.string != nil { return ref(list).map { [$0] } ?? [] }
    return list.compactMap { $0.array.flatMap(ref) }
  }

  static func ref(_ triple: [JSON]) -> KerasTensorRef? {
    guard triple.count >= 3, let layer = triple[0].string, let node = triple[1].int, let tensor = triple[2].int
    else { return nil }
    return KerasTensorRef(layer: layer, node: Int(node), tensor: Int(tensor), shape: nil)
  }

  static func shape(_ json: JSON) -> [Int?]? {
    json.array?.map { $0.int.map(Int.init) }
  }
}

extension KerasLayerConfig {
  init(json: JSON, file: String) throws(ImportError) {
    guard let className = json["class_name"]?.string, let config = json["config"]?.object else {
      throw .invalidConfig(file: file, reason: "a layer entry has no class_name or config: \(json.text.prefix(120))")
    }
    self.className = className
    self.config = config
    name = json["name"]?.string ?? config["name"]?.string ?? ""
    guard !name.isEmpty else { throw .invalidConfig(file: file, reason: "a \(className) layer has no name") }
    calls = (json["inbound_nodes"]?.array ?? []).map(Self.call)
    model = KerasModelConfig.modelClasses.contains(className) && config["layers"] != nil
      ? try KerasModelConfig(json: json, file: file) : nil
  }

  /// One inbound node: Keras 3 `{args, kwargs}` with `__keras_tensor__` objects, or tf.keras 2
  /// `[["layer", node, tensor, {kwargs}], ...]`.
  static func call(_ json: JSON) -> [KerasTensorRef] {
    if let args = json["args"] {
      var refs: [KerasTensorRef] = []
      collect(args, into: &refs)
      return refs
    }
    return (json.array ?? []).compactMap { $0.array.flatMap(KerasModelConfig.ref) }
  }

  static func collect(_ json: JSON, into refs: inout [KerasTensorRef]) {
    switch json {
    case .array(let items): for item in items { collect(item, into: &refs) }
    case .object(let o):
      if o["class_name"]?.string == "__keras_tensor__", let history = o["config"]?["keras_history"]?.array,
        var ref = KerasModelConfig.ref(history)
      {
        ref.shape = o["config"]?["shape"].flatMap(KerasModelConfig.shape)
        refs.append(ref)
      }
    default: break
    }
  }
}
