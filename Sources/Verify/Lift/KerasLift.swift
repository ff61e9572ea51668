import ModelGraph

/// Lifts a Keras source graph (domain `keras`, one node per layer, config as attributes,
/// weights as `<layer>/<variable>` initializers in Keras layout) to steps in canonical layout.
enum KerasLift {
  static func lift(_ graph: Graph) -> LiftedGraph {
    var g = LiftedGraph(dialect: .keras, steps: [], inputs: graph.feedInputs, outputs: graph.outputs)
    var rank: [String: Int] = [:]
    for i in graph.feedInputs { rank[i.name] = i.type.shape?.count ?? 4 }
    var weightsByLayer: [String: [String: Tensor]] = [:]
    for (name, t) in graph.initializers {
      guard let slash = name.lastIndex(of: "/") else { continue }
      weightsByLayer[String(name[..<slash]), default: [:]][String(name[name.index(after: slash)...])] = t
    }
    for node in graph.nodes {
      let weights = weightsByLayer[node.name] ?? [:]
      let data = node.inputs.filter { !$0.isEmpty && graph.initializers[$0] == nil }
      let inRank = data.first.flatMap { rank[$0] } ?? 4
      let steps = liftLayer(node, data: data, weights: weights, rank: inRank)
      guard !steps.isEmpty else { continue }
      g.layerOps[node.name] = "keras." + node.opType
      g.layerOrder.append(node.name)
      for s in steps {
        var s = s
        s.rank = s.rank ?? inRank
        for o in s.outputs { rank[o] = outputRank(node, s, inRank: inRank) }
        g.steps.append(s)
      }
    }
    return Normalize.run(g)
  }

  private static func outputRank(_ node: Node, _ s: Step, inRank: Int) -> Int {
    switch node.opType {
    case "GlobalAveragePooling2D", "GlobalMaxPooling2D": return KerasAttr(node).bool("keepdims") ? inRank : 2
    case "Flatten": return 2
    case "Reshape": return (KerasAttr(node).ints("target_shape")?.count ?? 1) + 1
    default: return inRank
    }
  }

  static func liftLayer(_ node: Node, data: [String], weights: [String: Tensor], rank: Int) -> [Step] {
    let a = KerasAttr(node)
    let name = node.name
    var s = Step(.other, layer: name, nodes: [name], opType: node.opType, inputs: data, outputs: node.outputs)
    s.channelsLast = (a.string("data_format") ?? "channels_last") == "channels_last"
    func w(_ key: String, perm: [Int]? = nil, reshape: [Int]? = nil) -> WeightRef? {
      weights[key].map { WeightRef($0, name: "\(name)/\(key)", perm: perm, reshape: reshape) }
    }
    var fused: StepActivation? = nil
    switch node.opType {
    case "InputLayer":
      return []
    case "Conv2D", "Conv1D":
      s.kind = .conv
      s.weights["W"] = w("kernel", perm: [3, 2, 0, 1])
      s.weights["B"] = a.bool("use_bias", default: true) ? w("bias") : nil
      convGeometry(&s, a)
      s.groups = a.int("groups") ?? 1
      fused = activation(a.string("activation") ?? "linear")
    case "DepthwiseConv2D":
      s.kind = .conv
      let k = weights["depthwise_kernel"] ?? weights["kernel"]
      if let k, k.rank == 4 {
        let (c, m) = (k.shape[2], k.shape[3])
        s.weights["W"] = WeightRef(k, name: "\(name)/depthwise_kernel", perm: [2, 3, 0, 1], reshape: [c * m, 1, k.shape[0], k.shape[1]])
        s.groups = c
      }
      s.weights["B"] = a.bool("use_bias", default: true) ? w("bias") : nil
      convGeometry(&s, a)
      fused = activation(a.string("activation") ?? "linear")
    case "Dense":
      s.kind = .dense
      s.weights["W"] = w("kernel", perm: [1, 0])
      s.weights["B"] = a.bool("use_bias", default: true) ? w("bias") : nil
      fused = activation(a.string("activation") ?? "linear")
    case "BatchNormalization":
      s.kind = .batchNorm
      s.epsilon = a.float("epsilon") ?? 1e-3
      s.weights = ["gamma": w("gamma"), "beta": w("beta"), "mean": w("moving_mean"), "var": w("moving_variance")].compactMapValues { $0 }
      s.axis = a.int("axis") ?? -1
    case "ReLU":
      s.kind = .activation
      let hi = a.float("max_value") ?? .infinity
      let slope = a.float("negative_slope") ?? 0
      s.activation = slope != 0 ? .leakyRelu(alpha: slope) : hi.isFinite ? .clip(min: 0, max: hi) : .relu
    case "LeakyReLU":
      s.kind = .activation
      s.activation = .leakyRelu(alpha: a.float("negative_slope") ?? a.float("alpha") ?? 0.3)
    case "ELU":
      s.kind = .activation
      s.activation = .elu(alpha: a.float("alpha") ?? 1)
    case "Activation":
      let act = a.string("activation") ?? "linear"
      if act == "softmax" { s.kind = .softmax; s.axis = rank - 1 } else { s.kind = .activation; s.activation = activation(act) }
    case "Softmax":
      s.kind = .softmax
      let axis = a.ints("axis")?.first ?? -1
      s.axis = axis < 0 ? axis + rank : axis
    case "ZeroPadding2D":
      s.kind = .pad
      let p = a.ints("padding") ?? [1, 1, 1, 1]
      let (t, b, l, r) = p.count == 4 ? (p[0], p[1], p[2], p[3]) : p.count == 2 ? (p[0], p[0], p[1], p[1]) : (p[0], p[0], p[0], p[0])
      s.pads = s.channelsLast ? [0, t, l, 0, 0, b, r, 0] : [0, 0, t, l, 0, 0, b, r]
    case "MaxPooling2D", "AveragePooling2D":
      s.kind = .pool
      s.poolType = node.opType.hasPrefix("Max") ? "max" : "avg"
      s.kernel = a.ints("pool_size") ?? [2, 2]
      if s.kernel.count == 1 { s.kernel += s.kernel }
      s.strides = a.ints("strides") ?? s.kernel
      if s.strides.count == 1 { s.strides += s.strides }
      s.dilations = [1, 1]
      same(&s, a)
    case "GlobalAveragePooling2D", "GlobalMaxPooling2D":
      s.kind = .globalPool
      s.poolType = node.opType.hasPrefix("GlobalMax") ? "max" : "avg"
    case "Add": s.kind = .add
    case "Subtract": s.kind = .sub
    case "Multiply": s.kind = .mul
    case "Concatenate":
      s.kind = .concat
      let axis = a.int("axis") ?? -1
      s.axis = axis < 0 ? axis + rank : axis
    case "Flatten", "Reshape":
      s.kind = .reshape
    case "Permute":
      s.kind = .transpose
      s.perm = [0] + (a.ints("dims") ?? []).map { $0 }
    case "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "ActivityRegularization":
      s.kind = .identity
      s.opType = "Dropout"
    case "Rescaling":
      s.kind = .affine
      s.opType = "Rescaling"
      s.weights["scale"] = WeightRef(Tensor([a.float("scale") ?? 1], shape: [1]), name: "\(name)/scale")
      s.weights["shift"] = WeightRef(Tensor([a.float("offset") ?? 0], shape: [1]), name: "\(name)/offset")
    case "UpSampling2D":
      s.kind = .resize
    default:
      s.kind = .other
    }
    guard let fused, fused != .linear else { return [s] }
    let pre = name + "#pre"
    var act = Step(.activation, layer: name, nodes: [name], opType: node.opType + ".activation", inputs: [pre], outputs: s.outputs)
    if case .other("softmax") = fused { act.kind = .softmax; act.axis = rank - 1 } else { act.activation = fused }
    act.channelsLast = s.channelsLast
    s.outputs = [pre]
    return [s, act]
  }

  private static func convGeometry(_ s: inout Step, _ a: KerasAttr) {
    s.kernel = a.ints("kernel_size") ?? s.weights["W"].map { Array($0.canonicalShape.dropFirst(2)) } ?? []
    if s.kernel.count == 1 { s.kernel += s.kernel }
    s.strides = a.ints("strides") ?? [1, 1]
    if s.strides.count == 1 { s.strides += s.strides }
    s.dilations = a.ints("dilation_rate") ?? [1, 1]
    if s.dilations.count == 1 { s.dilations += s.dilations }
    same(&s, a)
  }

  private static func same(_ s: inout Step, _ a: KerasAttr) {
    if (a.string("padding") ?? "valid").lowercased() == "same" {
      s.pads = nil
      s.samePadding = .upper
    } else {
      s.pads = [0, 0, 0, 0]
    }
  }

  /// A Keras activation name as a `StepActivation` (`softmax` is its own step kind).
  static func activation(_ name: String) -> StepActivation {
    switch name.lowercased() {
    case "linear", "none": .linear
    case "relu": .relu
    case "relu6": .clip(min: 0, max: 6)
    case "sigmoid": .sigmoid
    case "tanh": .tanh
    case "swish", "silu": .swish
    case "gelu": .gelu
    case "softplus": .softplus
    case "softsign": .softsign
    case "elu": .elu(alpha: 1)
    case "leaky_relu": .leakyRelu(alpha: 0.2)
    case "hard_sigmoid": .hardSigmoid(alpha: 1.0 / 6, beta: 0.5)
    case "hard_swish", "hard_silu": .hardSwish
    case "exponential": .exp
    default: .other(name.lowercased())
    }
  }
}

/// Reads a Keras layer's config attributes whatever scalar or list form the importer chose.
struct KerasAttr {
  let node: Node
  init(_ node: Node) { self.node = node }

  func ints(_ key: String) -> [Int]? {
    switch node.attributes[key] {
    case .ints(let v): v.map { Int($0) }
    case .int(let v): [Int(v)]
    case .floats(let v): v.map { Int($0) }
    case .string(let s): parseInts(s)
    default: nil
    }
  }
  func int(_ key: String) -> Int? { ints(key)?.first }
  func float(_ key: String) -> Float? {
    switch node.attributes[key] {
    case .float(let v): v
    case .int(let v): Float(v)
    case .floats(let v): v.first
    case .string(let s): Float(s)
    default: nil
    }
  }
  func string(_ key: String) -> String? {
    if case .string(let s) = node.attributes[key] { return s }
    return nil
  }
  func bool(_ key: String, default value: Bool = false) -> Bool {
    switch node.attributes[key] {
    case .int(let v): v != 0
    case .string(let s): s.lowercased() == "true" || s == "1"
    default: value
    }
  }

  /// Nested padding written as text, e.g. `((0, 1), (0, 1))` or `[[0,1],[0,1]]`.
  private func parseInts(_ s: String) -> [Int]? {
    let numbers = s.split(whereSeparator: { !"-0123456789".contains($0) }).compactMap { Int($0) }
    return numbers.isEmpty ? nil : numbers
  }
}
