import ModelGraph

/// Lifts a PyTorch source graph (domain `aten`, attributes by schema name, weights as
/// initializers in PyTorch's own OIHW / [out, in] layout) to steps; layers are module paths.
enum ATenLift {
  static func lift(_ graph: Graph) -> LiftedGraph {
    var g = LiftedGraph(dialect: .aten, steps: [], inputs: graph.feedInputs, outputs: graph.outputs)
    var constants: [String: WeightRef] = [:]
    for (name, t) in graph.initializers { constants[name] = WeightRef(t, name: name) }
    var rank: [String: Int] = [:]
    for i in graph.feedInputs { rank[i.name] = i.type.shape?.count ?? 4 }
    for node in graph.nodes {
      let op = node.opType
      // Weight transposes (`t`, `permute` of a parameter) stay constants.
      if ["t.default", "permute.default", "transpose.int"].contains(op), let c = node.inputs.first.flatMap({ constants[$0] }) {
        let perm = op == "permute.default" ? (node.attributes["dims"]?.ints?.map { Int($0) } ?? [1, 0]) : [1, 0]
        if let out = node.outputs.first { constants[out] = c.composed(perm) }
        continue
      }
      let layer = node.provenance?.sourceLayer ?? node.name
      let data = node.inputs.filter { !$0.isEmpty && constants[$0] == nil }
      let inRank = data.first.flatMap { rank[$0] } ?? 4
      var s = liftNode(node, data: data, constants: constants, rank: inRank)
      s.layer = layer
      s.rank = inRank
      if g.layerOps[layer] == nil {
        g.layerOps[layer] = "aten." + op
        g.layerOrder.append(layer)
      }
      for o in s.outputs { rank[o] = outRank(node, s, inRank: inRank) }
      g.steps.append(s)
    }
    return Normalize.run(g)
  }

  private static func outRank(_ node: Node, _ s: Step, inRank: Int) -> Int {
    switch node.opType {
    case "flatten.using_ints": return 2
    case "view.default", "reshape.default", "_unsafe_view.default": return node.attributes["size"]?.ints?.count ?? node.attributes["shape"]?.ints?.count ?? inRank
    case "mean.dim": return node.attributes["keepdim"]?.int == 1 ? inRank : inRank - (node.attributes["dim"]?.ints?.count ?? 0)
    case "linear.default", "addmm.default", "mm.default": return 2
    default: return inRank
    }
  }

  static func liftNode(_ node: Node, data: [String], constants: [String: WeightRef], rank: Int) -> Step {
    let op = node.opType
    var s = Step(.other, layer: node.name, nodes: [node.name], opType: op, inputs: data, outputs: Array(node.outputs.prefix(1)))
    func ints(_ key: String) -> [Int]? {
      switch node.attributes[key] {
      case .ints(let v): v.map { Int($0) }
      case .int(let v): [Int(v)]
      default: nil
      }
    }
    func float(_ key: String) -> Float? { node.attributes[key]?.float }
    func input(_ i: Int) -> WeightRef? { i < node.inputs.count ? constants[node.inputs[i]] : nil }
    func pair(_ v: [Int]?, _ fallback: [Int]) -> [Int] {
      guard let v, !v.isEmpty else { return fallback }
      return v.count == 1 ? [v[0], v[0]] : v
    }
    switch op {
    case "conv2d.default", "convolution.default":
      s.kind = .conv
      s.weights["W"] = input(1)
      s.weights["B"] = input(2)
      s.kernel = s.weights["W"].map { Array($0.tensor.shape.dropFirst(2)) } ?? []
      s.strides = pair(ints("stride"), [1, 1])
      s.dilations = pair(ints("dilation"), [1, 1])
      s.groups = ints("groups")?.first ?? 1
      if case .string(let mode)? = node.attributes["padding"] {
        if mode == "same" { s.pads = nil; s.samePadding = .upper } else { s.pads = [0, 0, 0, 0] }
      } else {
        let p = pair(ints("padding"), [0, 0])
        s.pads = [p[0], p[1], p[0], p[1]]
      }
      if node.attributes["transposed"]?.int == 1 { s.kind = .other }
    case "max_pool2d.default", "max_pool2d_with_indices.default", "avg_pool2d.default":
      s.kind = .pool
      s.poolType = op.hasPrefix("max") ? "max" : "avg"
      s.kernel = pair(ints("kernel_size"), [1, 1])
      s.strides = pair(ints("stride"), s.kernel)
      s.dilations = pair(ints("dilation"), [1, 1])
      let p = pair(ints("padding"), [0, 0])
      s.pads = [p[0], p[1], p[0], p[1]]
      s.ceilMode = node.attributes["ceil_mode"]?.int == 1
      s.countIncludePad = s.poolType == "avg" && (node.attributes["count_include_pad"]?.int ?? 1) == 1
    case "adaptive_avg_pool2d.default", "_adaptive_avg_pool2d.default":
      s.kind = ints("output_size") == [1, 1] || ints("output_size") == [1] ? .globalPool : .other
      s.poolType = "avg"
    case "mean.dim":
      let dims = Set((ints("dim") ?? []).map { $0 < 0 ? $0 + rank : $0 })
      s.kind = dims == [2, 3] ? .globalPool : .reduce
      s.poolType = "avg"
    case "linear.default":
      s.kind = .dense
      s.weights["W"] = input(1)
      s.weights["B"] = input(2)
    case "addmm.default":
      s.kind = .dense
      s.inputs = node.inputs.count > 1 ? [node.inputs[1]] : data
      if let w = input(2) { s.weights["W"] = w.composed([1, 0]) }
      s.weights["B"] = input(0)
    case "batch_norm.default", "_native_batch_norm_legit_no_training.default":
      s.kind = .batchNorm
      s.epsilon = float("eps") ?? 1e-5
      for (i, key) in ["gamma", "beta", "mean", "var"].enumerated() { if let w = input(i + 1) { s.weights[key] = w } }
    case "relu.default", "relu_.default": s.kind = .activation; s.activation = .relu
    case "relu6.default": s.kind = .activation; s.activation = .clip(min: 0, max: 6)
    case "hardtanh.default", "hardtanh_.default":
      s.kind = .activation
      s.activation = .clip(min: float("min_val") ?? -1, max: float("max_val") ?? 1)
    case "clamp.default", "clamp_.default":
      s.kind = .activation
      s.activation = .clip(min: float("min") ?? -.infinity, max: float("max") ?? .infinity)
    case "sigmoid.default", "sigmoid_.default": s.kind = .activation; s.activation = .sigmoid
    case "silu.default", "silu_.default": s.kind = .activation; s.activation = .swish
    case "hardswish.default", "hardswish_.default": s.kind = .activation; s.activation = .hardSwish
    case "hardsigmoid.default", "hardsigmoid_.default": s.kind = .activation; s.activation = .hardSigmoid(alpha: 1.0 / 6, beta: 0.5)
    case "softmax.int", "_softmax.default":
      s.kind = .softmax
      let d = ints("dim")?.first ?? -1
      s.axis = d < 0 ? d + rank : d
    case "cat.default":
      s.kind = .concat
      let d = ints("dim")?.first ?? 0
      s.axis = d < 0 ? d + rank : d
    case "constant_pad_nd.default", "pad.default":
      s.kind = .pad
      let p = ints("pad") ?? []  // last dimension first: [left, right, top, bottom]
      let value = float("value") ?? 0
      if rank == 4, p.count == 4, value == 0 { s.pads = [0, 0, p[2], p[0], 0, 0, p[3], p[1]] } else { s.kind = .other }
    case "add.Tensor", "add_.Tensor": s.kind = .add
    case "sub.Tensor", "sub_.Tensor": s.kind = .sub
    case "mul.Tensor", "mul_.Tensor": s.kind = .mul
    case "div.Tensor", "div_.Tensor": s.kind = .div
    case "flatten.using_ints", "view.default", "reshape.default", "_unsafe_view.default", "squeeze.dim", "squeeze.dims",
      "squeeze.default", "unsqueeze.default":
      s.kind = .reshape
    case "permute.default":
      s.kind = .transpose
      s.perm = ints("dims")
    case "dropout.default", "dropout_.default":
      s.kind = .identity
      s.opType = "Dropout"
    case "clone.default", "alias.default", "detach.default", "contiguous.default":
      s.kind = .identity
    default:
      if node.domain == "pytorch", node.opType.hasSuffix("getitem") { s.kind = .identity }
    }
    return s
  }
}

extension WeightRef {
  /// This view followed by `perm`.
  func composed(_ perm: [Int]) -> WeightRef {
    var w = self
    let base = self.perm ?? Array(0..<tensor.rank)
    guard base.count == perm.count else { return self }
    let p = perm.map { base[$0] }
    w.perm = p == Array(0..<p.count) ? nil : p
    return w
  }
}
