import ModelGraph

/// Elementwise layers (activations) that one side spells with other ops than the other —
/// tf2onnx writes Keras' `ELU(alpha)` as `Elu` plus a select, `PReLU` as
/// `Relu(x) − α·Relu(−x)`, `hard_sigmoid` as `Clip(x + 3, 0, 6) / 6`. For each source layer
/// whose elementwise steps have such a counterpart (candidate steps named after the layer that
/// nothing else explains), both regions are evaluated on probe values per channel: equal
/// values are a listed rewrite, different ones an activation finding.
enum Decompositions {
  struct Outcome {
    var findings: [Finding] = []
    var rewrites: [Rewrite] = []
  }

  /// `inputMap`: candidate input axis i carries source input axis `inputMap[i]`.
  static func resolve(_ s: LiftedGraph, _ c: LiftedGraph, _ m: inout Matching, inputMap: [Int], rtol: Float) -> Outcome {
    var outcome = Outcome()
    guard let sc = s.constants, let cc = c.constants else { return outcome }
    let layers = Set(s.steps.map(\.layer))
    let suffixed = Matcher.usesSuffixedScopes(c, layers: layers)
    var byScope: [String: [Int]] = [:]
    for (j, step) in c.steps.enumerated() where step.isCompute && !m.isMatched(candidate: j) && isElementwise(step, c) {
      for key in Set(step.nodes.flatMap { Matcher.nameKeys($0, suffixed: suffixed) }) where layers.contains(key) {
        byScope[key, default: []].append(j)
      }
    }
    var groups: [String: [Int]] = [:]
    for (i, step) in s.steps.enumerated() where step.isCompute && isElementwise(step, s) { groups[step.layer, default: []].append(i) }
    for layer in s.layerOrder {
      guard let sources = groups[layer] else { continue }
      let partners = sources.compactMap { m.candidate(of: $0) }.filter { isElementwise(c.steps[$0], c) }
      let extra = (byScope[layer] ?? []).filter { !m.isMatched(candidate: $0) }
      // Only a different spelling needs evaluating; one op each side is compared structurally.
      guard !extra.isEmpty || partners.count != sources.count else { continue }
      let region = Set(partners + extra).sorted()
      guard !region.isEmpty, let a = boundary(sources, s), let b = boundary(region, c) else { continue }
      let ca = canonicalConstants(sources, s, sc, map: nil), cb = canonicalConstants(region, c, cc, map: inputMap)
      let elements = (Array(ca.values) + Array(cb.values)).map(\.count).max() ?? 1
      guard let va = Elementwise(elements: elements, aliases: s.aliases, constant: { n, _ in ca[n] }).run(a.nodes, input: a.input, output: a.output),
        let vb = Elementwise(elements: elements, aliases: c.aliases, constant: { n, _ in cb[n] }).run(b.nodes, input: b.input, output: b.output)
      else { continue }
      for j in region { m.explained[j] = sources[0] }
      for i in sources {
        m.computed.insert(i)
        if m.bySource[i] == nil { m.add(i, region[0], .computed, 0.8) }
      }
      let nodes = b.nodes.map(\.name)
      if let k = va.indices.first(where: { !(abs(va[$0] - vb[$0]) <= 1e-5 + rtol * abs(va[$0])) }) {
        let x = Elementwise.probes[k % Elementwise.probes.count], channel = k / Elementwise.probes.count
        outcome.findings.append(Finding(
          .hyperParameterMismatch, layer: layer, nodes: nodes, subject: "activation",
          expected: "f(\(fmt(x))) = \(va[k])", found: "f(\(fmt(x))) = \(vb[k])",
          message: "\(b.nodes.map(\.opType).joined(separator: "+")) computes \(vb[k]) at \(fmt(x)) (channel \(channel)) where \(layer) computes \(va[k])"))
      } else {
        outcome.rewrites.append(Rewrite(.activationDecomposed, layers: [layer], nodes: nodes,
                                        detail: "\(b.nodes.map(\.opType).joined(separator: "+")) computes \(layer)"))
      }
    }
    return outcome
  }

  /// Every node of the step is an op `Elementwise` evaluates.
  static func isElementwise(_ step: Step, _ g: LiftedGraph) -> Bool {
    !step.nodes.isEmpty && step.nodes.allSatisfy { g.nodes[$0].map { Elementwise.ops.contains($0.node.opType) } ?? false }
  }

  /// The region's nodes in graph order, its one data input and its output (the last node's).
  private static func boundary(_ steps: [Int], _ g: LiftedGraph) -> (nodes: [Node], input: String, output: String)? {
    guard let constants = g.constants else { return nil }
    let nodes = steps.flatMap { g.steps[$0].nodes }.compactMap { g.nodes[$0] }.sorted { $0.index < $1.index }.map(\.node)
    let produced = Set(nodes.flatMap(\.outputs))
    func resolve(_ t: String) -> String {
      var t = t
      while !produced.contains(t), let a = g.aliases[t] { t = a }
      return t
    }
    let inputs = Set(nodes.flatMap(\.inputs).filter { !$0.isEmpty }.map(resolve).filter {
      !produced.contains($0) && !constants.isStatic.contains($0)
    })
    guard inputs.count == 1, let input = inputs.first, let output = nodes.last?.outputs.first else { return nil }
    return (nodes, input, output)
  }

  /// The constants the region's nodes read, each in the source's input-axis order (so
  /// `[C, H, W]` slopes of an NCHW graph meet `[H, W, C]` ones of an NHWC graph) and flattened.
  private static func canonicalConstants(_ steps: [Int], _ g: LiftedGraph, _ constants: Constants, map: [Int]?) -> [String: [Float]] {
    var out: [String: [Float]] = [:]
    for i in steps {
      let perm = g.steps[i].inputPerm.map { p in p.map { map?[$0] ?? $0 } }
      for name in g.steps[i].nodes.compactMap({ g.nodes[$0]?.node }).flatMap(\.inputs) {
        guard out[name] == nil, let w = constants[name] else { continue }
        out[name] = canonical(w, perm: perm)
      }
    }
    return out
  }

  /// `w` broadcast against rank-4 data whose axis k carries input axis `perm[k]`, reordered
  /// so its axes follow the input's.
  static func canonical(_ w: WeightRef, perm: [Int]?) -> [Float] {
    var shape = w.canonicalShape
    let values = w.values()
    guard let perm, perm.count == 4, shape.count <= 4, values.count > 1 else { return values }
    while shape.count < 4 { shape.insert(1, at: 0) }
    let order = (0..<4).map { a in perm.firstIndex(of: a) ?? a }
    return transpose(values, shape: shape, perm: order)
  }
}
