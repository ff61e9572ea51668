import ModelGraph

/// The state of one emission: the Relax name of every ONNX value so far, the weights that became
/// parameters of `main`, the dataflow lines and the provenance of each binding.
///
/// Ops call `operand(_:_:)` for a tensor argument (an initializer becomes a parameter the first
/// time it is read), `constant(_:_:)` for an argument that must be spelled inline (Clip bounds,
/// Pad widths, Reshape targets) and `bind(_:_:)` for the node's output, which is named after
/// the ONNX output tensor — itself named after the source layer by our lowering.
struct RelaxBuilder {
  let graph: Graph
  let file: String
  private(set) var lines: [String] = []
  private(set) var parameters: [RelaxParameter] = []
  private(set) var bindings: [String: RelaxBindingProvenance] = [:]
  private(set) var aliases: [String: String] = [:]
  private var names: [String: String] = [:]
  private var taken: Set<String> = []
  private let shapes: [String: [Dim]]

  init(graph: Graph, file: String) {
    self.graph = graph
    self.file = file
    var shapes: [String: [Dim]] = [:]
    for info in graph.inputs + graph.valueInfo + graph.outputs { shapes[info.name] = info.type.shape }
    for (name, tensor) in graph.initializers { shapes[name] = tensor.shape.map { .fixed($0) } }
    self.shapes = shapes
  }

  /// A fresh Python identifier made from `name`.
  mutating func identifier(for name: String) -> String {
    let base = RelaxSpelling.identifier(name)
    var candidate = base, n = 1
    while taken.contains(candidate) { candidate = "\(base)_\(n)"; n += 1 }
    taken.insert(candidate)
    return candidate
  }

  /// Declares a feed input of `main`; its Relax name is returned.
  mutating func declareInput(_ name: String) -> String {
    let relaxName = identifier(for: name)
    names[name] = relaxName
    return relaxName
  }

  /// The Relax name of `node`'s input `index`: a binding, an input, or a weight parameter.
  mutating func operand(_ node: Node, _ index: Int) throws(TVMError) -> String {
    guard index < node.inputs.count, !node.inputs[index].isEmpty else {
      throw .invalidArgument(file: file, node: node.name, op: node.opType, argument: "input \(index)",
                             expected: "present", found: "absent")
    }
    let value = node.inputs[index]
    if let name = names[value] { return name }
    guard let tensor = graph.initializers[value] else {
      throw .undefinedValue(file: file, node: node.name, value: value)
    }
    guard [.float32, .int64, .int32].contains(tensor.dtype) else {
      throw .unsupportedType(file: file, value: value, dtype: tensor.dtype.name)
    }
    let relaxName = identifier(for: value)
    parameters.append(RelaxParameter(name: relaxName, source: value, tensor: tensor))
    names[value] = relaxName
    return relaxName
  }

  /// The initializer behind `node`'s input `index`, or `nil` when the input is absent.
  func constant(_ node: Node, _ index: Int) throws(TVMError) -> Tensor? {
    guard index < node.inputs.count, !node.inputs[index].isEmpty else { return nil }
    guard let tensor = graph.initializers[node.inputs[index]] else {
      throw .invalidArgument(file: file, node: node.name, op: node.opType, argument: "input \(index)",
                             expected: "a constant (an initializer)", found: "'\(node.inputs[index])', computed")
    }
    return tensor
  }

  /// The static shape of `value` when the graph records it (batch axis as in `shape(_:of:)`).
  func knownShape(of value: String) -> [Int]? {
    guard let dims = shapes[value] else { return nil }
    let sizes = dims.enumerated().map { $0.element.value ?? ($0.offset == 0 ? 1 : -1) }
    return sizes.contains(-1) ? nil : sizes
  }

  /// The static shape of `value`; a symbolic or unknown leading (batch) axis is 1, as the TVM
  /// form is built for one input at a time.
  func shape(_ node: Node, of value: String) throws(TVMError) -> [Int] {
    guard let dims = shapes[value] else { throw .unknownShape(file: file, node: node.name, tensor: value) }
    var sizes: [Int] = []
    for (axis, dim) in dims.enumerated() {
      if let n = dim.value { sizes.append(n) } else if axis == 0 { sizes.append(1) } else {
        throw .unknownShape(file: file, node: node.name, tensor: value)
      }
    }
    return sizes
  }

  /// Binds `expression` to `node`'s output `output`, named after that ONNX tensor.
  mutating func bind(_ node: Node, _ expression: String, output: Int = 0) {
    let tensor = node.outputs[output]
    let name = identifier(for: tensor)
    append(name, expression, node: node, tensor: tensor)
    names[tensor] = name
  }

  /// Binds a step inside `node` (a weight transpose, a batch-norm tuple) under `<output>__<role>`
  /// and returns its name; it carries the node's provenance but no ONNX tensor.
  mutating func step(_ node: Node, _ role: String, _ expression: String) -> String {
    let name = identifier(for: "\(node.outputs[0])__\(role)")
    append(name, expression, node: node, tensor: nil)
    return name
  }

  /// Makes `node`'s output the same Relax value as `value` (Identity, Dropout at inference).
  mutating func alias(_ node: Node, to value: String) {
    names[node.outputs[0]] = value
    aliases[node.outputs[0]] = value
  }

  /// The Relax name of a graph value, once defined.
  func name(of value: String) -> String? { names[value] }

  /// `R.const(value, "float32")`, or a typed error for NaN.
  func float(_ node: Node, _ argument: String, _ value: Float) throws(TVMError) -> String {
    guard let text = RelaxSpelling.float(value) else {
      throw .invalidArgument(file: file, node: node.name, op: node.opType, argument: argument,
                             expected: "a number", found: "NaN")
    }
    return text
  }

  private mutating func append(_ name: String, _ expression: String, node: Node, tensor: String?) {
    lines.append("\(name) = \(expression)")
    let rank = tensor.flatMap { shapes[$0]?.count }
    bindings[name] = RelaxBindingProvenance(
      tensor: tensor, layer: node.provenance?.sourceLayer ?? node.name, op: node.opType, node: node.name,
      sourceOp: node.provenance?.sourceOp, sourceNode: node.provenance?.sourceNode,
      layout: rank == 4 && node.opType != "Transpose" ? "NCHW" : "other")
  }
}

/// A weight that became a parameter of `main`: its Relax name, initializer name and value.
struct RelaxParameter {
  var name: String
  var source: String
  var tensor: Tensor
}
