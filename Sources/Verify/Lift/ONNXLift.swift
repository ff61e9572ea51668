import ModelGraph

/// Lifts an ONNX graph to steps. On the source side `layerKey` groups nodes into layers (by
/// provenance when present); on the candidate side every node is its own unit.
enum ONNXLift {
  static func lift(_ graph: Graph, groupByProvenance: Bool) -> LiftedGraph {
    let constants = Constants(graph)
    let shapes = ShapeInference(graph)
    var lifted = LiftedGraph(dialect: .onnx, steps: [], inputs: graph.feedInputs, outputs: graph.outputs)
    lifted.shapes = shapes.shapes
    lifted.constants = constants
    for (i, node) in graph.nodes.enumerated() {
      lifted.nodes[node.name] = (i, node)
      if ["Identity", "Cast", "Dropout", "Transpose"].contains(node.opType), let x = node.inputs.first, let y = node.outputs.first {
        lifted.aliases[y] = x
      }
    }
    for node in graph.nodes {
      if let p = node.provenance { lifted.provenance[node.name] = p }
      guard !constants.staticNodes.contains(node.name) else { continue }
      let layer = groupByProvenance ? (node.provenance?.sourceLayer ?? node.name) : node.name
      var step = liftNode(node, constants: constants, shapes: shapes)
      step.layer = layer
      if lifted.layerOps[layer] == nil {
        lifted.layerOps[layer] = groupByProvenance ? (node.provenance?.sourceOp ?? node.opType) : node.opType
        lifted.layerOrder.append(layer)
      }
      // Gemm's C from data (torch.onnx merges `linear(x) + y` into one Gemm): a dense then an add.
      if node.opType == "Gemm", node.inputs.count > 2, !node.inputs[2].isEmpty, !constants.isStatic.contains(node.inputs[2]) {
        let product = (step.outputs.first ?? node.name) + "#product"
        var add = Step(.add, layer: layer, nodes: [node.name], opType: "Gemm.C", inputs: [product, node.inputs[2]], outputs: step.outputs)
        add.rank = step.rank
        step.inputs = step.inputs.filter { $0 != node.inputs[2] }
        step.outputs = [product]
        lifted.steps += [step, add]
        continue
      }
      lifted.steps.append(step)
    }
    return Normalize.run(lifted)
  }

  static func liftNode(_ node: Node, constants: Constants, shapes: ShapeInference) -> Step {
    let data = node.inputs.filter { !$0.isEmpty && !constants.isStatic.contains($0) }
    var s = Step(.other, layer: node.name, nodes: [node.name], opType: node.opType, inputs: data,
                 outputs: node.outputs.filter { !$0.isEmpty })
    func ints(_ key: String) -> [Int]? { node.attributes[key]?.ints?.map { Int($0) } }
    func int(_ key: String) -> Int? { node.attributes[key]?.int.map { Int($0) } }
    func float(_ key: String) -> Float? { node.attributes[key]?.float }
    func constant(_ i: Int) -> WeightRef? { i < node.inputs.count && !node.inputs[i].isEmpty ? constants[node.inputs[i]] : nil }
    let inShape = node.inputs.first.flatMap { shapes.shapes[$0] }
    s.rank = inShape?.count

    switch node.opType {
    case "Conv":
      s.kind = .conv
      if let w = constant(1) { s.weights["W"] = w }
      if let b = constant(2) { s.weights["B"] = b }
      let spatial = s.weights["W"].map { $0.tensor.rank - 2 } ?? 2
      s.kernel = ints("kernel_shape") ?? s.weights["W"].map { Array($0.tensor.shape.dropFirst(2)) } ?? []
      geometry(&s, ints: ints, int: int, spatial: spatial, auto: node.attributes["auto_pad"]?.string)
      s.groups = int("group") ?? 1
    case "MaxPool", "AveragePool", "LpPool":
      s.kind = .pool
      s.poolType = node.opType == "MaxPool" ? "max" : "avg"
      s.kernel = ints("kernel_shape") ?? []
      geometry(&s, ints: ints, int: int, spatial: s.kernel.count, auto: node.attributes["auto_pad"]?.string)
      s.ceilMode = int("ceil_mode") == 1
      s.countIncludePad = int("count_include_pad") == 1
    case "GlobalAveragePool", "GlobalMaxPool":
      s.kind = .globalPool
      s.poolType = node.opType == "GlobalMaxPool" ? "max" : "avg"
    case "ReduceMean", "ReduceMax":
      guard let channelsLast = spatialReduce(node, constants: constants, rank: inShape?.count) else {
        s.kind = .reduce
        break
      }
      s.kind = .globalPool
      s.poolType = node.opType == "ReduceMax" ? "max" : "avg"
      s.channelsLast = channelsLast
    case "Gemm":
      s.kind = .dense
      if let w = constant(1) { s.weights["W"] = int("transB") == 1 ? w : permuted(w, [1, 0]) }
      if let b = constant(2) { s.weights["B"] = b }
      s.rewrites = [.denseAsGemm]
    case "MatMul" where constant(1)?.tensor.rank == 2:
      s.kind = .dense
      if let w = constant(1) { s.weights["W"] = permuted(w, [1, 0]) }
      s.rewrites = [.denseAsMatMulAdd]
    case "MatMul":
      s.kind = .matmul
    case "BatchNormalization":
      s.kind = .batchNorm
      s.epsilon = float("epsilon") ?? 1e-5
      for (i, key) in ["gamma", "beta", "mean", "var"].enumerated() { if let w = constant(i + 1) { s.weights[key] = w } }
      s.inputs = Array(data.prefix(1))
      s.outputs = Array(s.outputs.prefix(1))
    case "Add", "Sub", "Mul", "Div":
      s.kind = [.add, .sub, .mul, .div][["Add", "Sub", "Mul", "Div"].firstIndex(of: node.opType) ?? 0]
      if let c = (0..<node.inputs.count).lazy.compactMap({ constant($0) }).first { s.weights["const"] = c }
      // `c − x` and `c / x` are not affine in x: compared as spelled.
      if ["Sub", "Div"].contains(node.opType), constant(0) != nil { s.kind = .other; s.weights = [:] }
    case "Concat":
      s.kind = .concat
      s.axis = normalized(int("axis") ?? 0, rank: s.rank)
    case "Softmax", "LogSoftmax":
      s.kind = .softmax
      s.axis = normalized(int("axis") ?? -1, rank: s.rank)
    case "Pad":
      s.kind = .pad
      let mode = node.attributes["mode"]?.string ?? "constant"
      let value = constant(2)?.tensor.floats()?.first ?? 0
      if let p = constant(1)?.tensor.int64s() ?? node.attributes["pads"]?.ints { s.pads = p.map { Int($0) } }
      if mode != "constant" || value != 0 { s.kind = .other; s.opType = "Pad(\(mode), \(value))" }
    case "Transpose":
      s.kind = .transpose
      s.perm = ints("perm") ?? s.rank.map { Array((0..<$0).reversed()) }
    case "Reshape", "Flatten", "Squeeze", "Unsqueeze":
      s.kind = .reshape
    case "Identity", "Dropout":
      s.kind = .identity
      s.outputs = Array(s.outputs.prefix(1))
      // A lowered Keras Dropout (or PyTorch dropout) is an Identity that still says what it was.
      if node.provenance.map({ $0.sourceOp.lowercased().contains("dropout") }) ?? false { s.opType = "Dropout" }
    case "Cast":
      s.kind = .identity
    case "Resize", "Upsample":
      s.kind = .resize
    case "ReduceSum":
      s.kind = .reduce
    case "PRelu":
      s.kind = .activation
      s.activation = .prelu
      if let slope = constant(1) { s.weights["slope"] = slope }
    default:
      if let a = activation(node, constants: constants) {
        s.kind = .activation
        s.activation = a
      }
    }
    if [.other, .resize, .reduce, .matmul].contains(s.kind) { s.generic = GenericOp(node, constants: constants) }
    return s
  }

  /// Strides, dilations and explicit or "same" pads, as `[top, left, bottom, right]`.
  private static func geometry(
    _ s: inout Step, ints: (String) -> [Int]?, int: (String) -> Int?, spatial: Int, auto: String?
  ) {
    s.strides = ints("strides") ?? Array(repeating: 1, count: spatial)
    s.dilations = ints("dilations") ?? Array(repeating: 1, count: spatial)
    switch auto ?? "NOTSET" {
    case "SAME_UPPER": s.pads = nil; s.samePadding = .upper
    case "SAME_LOWER": s.pads = nil; s.samePadding = .lower
    case "VALID": s.pads = Array(repeating: 0, count: 2 * spatial)
    default: s.pads = ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
    }
  }

  static func activation(_ node: Node, constants: Constants) -> StepActivation? {
    let alpha = node.attributes["alpha"]?.float
    switch node.opType {
    case "Relu": return .relu
    case "Sigmoid": return .sigmoid
    case "Tanh": return .tanh
    case "Softplus": return .softplus
    case "Softsign": return .softsign
    case "Exp": return .exp
    case "HardSwish": return .hardSwish
    case "Gelu": return .gelu
    case "LeakyRelu": return .leakyRelu(alpha: alpha ?? 0.01)
    case "Elu": return .elu(alpha: alpha ?? 1)
    case "HardSigmoid": return .hardSigmoid(alpha: alpha ?? 0.2, beta: node.attributes["beta"]?.float ?? 0.5)
    case "Clip":
      let lo = node.attributes["min"]?.float
        ?? (node.inputs.count > 1 && !node.inputs[1].isEmpty ? constants[node.inputs[1]]?.tensor.floats()?.first : nil)
      let hi = node.attributes["max"]?.float
        ?? (node.inputs.count > 2 && !node.inputs[2].isEmpty ? constants[node.inputs[2]]?.tensor.floats()?.first : nil)
      return .clip(min: lo ?? -.infinity, max: hi ?? .infinity)
    default: return nil
    }
  }

  /// For a reduction over both spatial axes of rank-4 data: `false` for NCHW axes `[2, 3]`,
  /// `true` for NHWC axes `[1, 2]`; `nil` for any other reduction. Negative axes need no rank
  /// (the data is taken as rank 4 when shape inference could not tell).
  private static func spatialReduce(_ node: Node, constants: Constants, rank: Int?) -> Bool? {
    guard rank == nil || rank == 4 else { return nil }
    let axes = node.attributes["axes"]?.ints
      ?? (node.inputs.count > 1 ? constants[node.inputs[1]]?.tensor.int64s() : nil)
    switch Set((axes ?? []).map { Int($0) < 0 ? Int($0) + 4 : Int($0) }) {
    case [2, 3]: return false
    case [1, 2]: return true
    default: return nil
    }
  }

  static func permuted(_ w: WeightRef, _ perm: [Int]) -> WeightRef {
    var p = w
    p.perm = perm
    return p
  }

  static func normalized(_ axis: Int, rank: Int?) -> Int {
    guard let rank, axis < 0 else { return axis }
    return axis + rank
  }
}
