import ModelGraph

/// Fault injection: each function takes a correct ONNX model and returns copies with one
/// fault each, at up to `limit` sites, or none when the model has no site for it.
///
/// ```swift
/// for mutant in Mutations.inject(.strideChanged, into: model) {
///   let report = try Verifier.verify(source: model.graph, candidate: mutant.model)
/// }
/// ```
public enum Mutations {
  public static func inject(_ fault: FaultKind, into model: Model, limit: Int = 2) -> [Mutant] {
    let sites = candidates(fault, model.graph)
    return sites.prefix(limit).compactMap { index in
      var m = model
      guard let detail = apply(fault, to: &m.graph, node: index) else { return nil }
      let node = model.graph.nodes[index]
      let visible = fault == .missingTranspose ? firstChannelOp(after: node, in: model.graph) : [node.name + "__extra_transpose"]
      return Mutant(fault: fault, node: node.name, layer: node.provenance?.sourceLayer ?? node.name, visibleAt: visible,
                    model: m, detail: detail)
    }
  }

  /// Every fault kind at up to `limit` sites each.
  public static func corpus(from model: Model, limit: Int = 2) -> [Mutant] {
    FaultKind.allCases.flatMap { inject($0, into: model, limit: limit) }
  }

  /// Indices of nodes where `fault` can be injected, in an order that spreads over the model.
  static func candidates(_ fault: FaultKind, _ g: Graph) -> [Int] {
    let w = { (i: Int) -> Tensor? in g.nodes[i].inputs.count > 1 ? g.initializers[g.nodes[i].inputs[1]] : nil }
    let convs = g.nodes.indices.filter { g.nodes[$0].opType == "Conv" && w($0)?.dtype == .float32 }
    var sites: [Int]
    switch fault {
    case .kernelLayoutNotPermuted:
      sites = convs.filter { i in w(i).map { $0.shape.count == 4 && $0.shape[2] * $0.shape[3] > 1 } ?? false }
    case .samePaddingSymmetric:
      sites = convs.filter { let p = pads(g.nodes[$0]); return p.count == 4 && (p[0] != p[2] || p[1] != p[3]) }
    case .samePaddingDropped:
      sites = convs.filter { pads(g.nodes[$0]).contains { $0 > 0 } }
    case .padsOnWrongAxes:
      sites = convs.filter { let p = pads(g.nodes[$0]); return p.count == 4 && p[1] != p[2] }
    case .bnEpsilonChanged, .bnMeanVarianceSwapped:
      sites = g.nodes.indices.filter { g.nodes[$0].opType == "BatchNormalization" }
    case .activationDropped:
      sites = g.nodes.indices.filter { ["Relu", "Clip", "LeakyRelu", "Sigmoid"].contains(g.nodes[$0].opType) }
    case .relu6ToRelu:
      sites = g.nodes.indices.filter { g.nodes[$0].opType == "Clip" }
    case .strideChanged:
      sites = convs
    case .weightsFloat16:
      sites = convs.filter { i in (w(i)?.floats() ?? []).contains { Float(Float16($0)) != $0 } }
    case .extraTranspose:
      sites = convs.filter { i in
        let x = g.nodes[i].inputs[0]
        return !g.inputs.contains { $0.name == x }
      }
    case .missingTranspose:
      sites = g.nodes.indices.filter { g.nodes[$0].opType == "Transpose" && (g.nodes[$0].attributes["perm"]?.ints?.count ?? 0) == 4 }
    case .channelOrderFlipped:
      sites = convs.filter { i in w(i).map { $0.shape.count == 4 && $0.shape[1] == 3 } ?? false }.prefix(1).map { $0 }
    case .softmaxAxisChanged:
      sites = g.nodes.indices.filter { g.nodes[$0].opType == "Softmax" }
    case .denseNotTransposed:
      sites = g.nodes.indices.filter { i in
        ["MatMul", "Gemm"].contains(g.nodes[i].opType) && (w(i).map { $0.rank == 2 && $0.shape[0] > 1 && $0.shape[1] > 1 } ?? false)
      }
    case .head1001:
      sites = g.nodes.indices.filter { i in
        ["MatMul", "Gemm"].contains(g.nodes[i].opType) && (w(i)?.rank ?? 0) == 2
      }.suffix(1).map { $0 }
    default:
      sites = activationAndPoolSites(fault, g, convs: convs)
    }
    // Spread: last, first, then the middle ones.
    guard sites.count > 2 else { return sites }
    return [sites[sites.count / 2], sites[0], sites[sites.count - 1]] + sites.filter { $0 != sites[0] && $0 != sites[sites.count / 2] && $0 != sites[sites.count - 1] }
  }

  /// The nodes reading `node`'s output through elementwise ops up to the first op that
  /// interprets axes (conv, pool, normalisation, concat, reshape, matrix product) or joins it with another
  /// computed tensor (an Add or Mul of two branches, where the layouts meet).
  static func firstChannelOp(after node: Node, in g: Graph) -> [String] {
    let consumers = g.consumers
    var frontier = node.outputs
    var found: [String] = []
    var seen = Set<String>()
    while let t = frontier.popLast() {
      for i in consumers[t] ?? [] where seen.insert(g.nodes[i].name).inserted {
        let n = g.nodes[i]
        if ["Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization", "Concat",
            "Reshape", "Flatten", "Softmax", "Transpose", "Squeeze", "MatMul", "Gemm"].contains(n.opType)
        {
          found.append(n.name)
        } else {
          if n.inputs.filter({ g.initializers[$0] == nil && !$0.isEmpty }).count > 1 { found.append(n.name) }
          frontier.append(contentsOf: n.outputs)
        }
      }
    }
    return found
  }

  static func pads(_ node: Node) -> [Int] {
    node.attributes["pads"]?.ints?.map { Int($0) } ?? []
  }

  /// Applies `fault` at node `i`; returns a one-line description, or `nil` if it does not apply.
  static func apply(_ fault: FaultKind, to g: inout Graph, node i: Int) -> String? {
    switch fault {
    case .kernelLayoutNotPermuted: return kernelNotPermuted(&g, i)
    case .samePaddingSymmetric: return setPads(&g, i) { p in let a = max(p[0], p[2]), b = max(p[1], p[3]); return [a, b, a, b] }
    case .samePaddingDropped: return setPads(&g, i) { _ in [0, 0, 0, 0] }
    case .padsOnWrongAxes: return setPads(&g, i) { p in [p[0], p[2], p[1], p[3]] }
    case .bnEpsilonChanged:
      let eps = g.nodes[i].attributes["epsilon"]?.float ?? 1e-5
      let changed: Float = eps >= 1e-4 ? 1e-5 : 1e-3
      g.nodes[i].attributes["epsilon"] = .float(changed)
      return "epsilon \(eps) → \(changed)"
    case .bnMeanVarianceSwapped:
      guard g.nodes[i].inputs.count == 5 else { return nil }
      g.nodes[i].inputs.swapAt(3, 4)
      return "mean and variance inputs swapped"
    case .activationDropped: return bypass(&g, i)
    case .relu6ToRelu:
      g.nodes[i].opType = "Relu"
      g.nodes[i].inputs = Array(g.nodes[i].inputs.prefix(1))
      g.nodes[i].attributes = [:]
      return "Clip(0, 6) → Relu"
    case .strideChanged:
      let s = g.nodes[i].attributes["strides"]?.ints ?? [1, 1]
      let changed = s.map { $0 == 1 ? Int64(2) : Int64(1) }
      g.nodes[i].attributes["strides"] = .ints(changed)
      return "strides \(s) → \(changed)"
    case .weightsFloat16: return mapWeight(&g, i, input: 1) { v, _ in v.map { Float(Float16($0)) } }
    case .extraTranspose: return insertTranspose(&g, before: i)
    case .missingTranspose: return bypass(&g, i)
    case .channelOrderFlipped: return mapWeight(&g, i, input: 1) { v, shape in flipped(v, shape: shape) }
    case .softmaxAxisChanged:
      let axis = g.nodes[i].attributes["axis"]?.int ?? -1
      let changed: Int64 = axis == 0 ? 1 : 0
      g.nodes[i].attributes["axis"] = .int(changed)
      return "axis \(axis) → \(changed)"
    case .denseNotTransposed:
      return mapWeight(&g, i, input: 1) { v, shape in transpose(v, shape: shape, perm: [1, 0]) }
    case .head1001: return addBackgroundClass(&g, i)
    default: return applyActivationOrPoolFault(fault, to: &g, node: i)
    }
  }
}
