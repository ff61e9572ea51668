import ModelGraph

/// Ties source steps to candidate steps: provenance, then names, then weight content, then
/// BatchNormalization folded into a matched convolution, then an alignment of the remaining
/// compute in topological order. Every pair records its method and confidence.
struct Matching {
  struct Pair: Sendable {
    var source: Int
    var candidate: Int
    var method: MatchMethod
    var confidence: Double
  }

  var pairs: [Pair] = []
  var bySource: [Int: Int] = [:]
  var byCandidate: [Int: Int] = [:]

  mutating func add(_ s: Int, _ c: Int, _ method: MatchMethod, _ confidence: Double) {
    guard bySource[s] == nil else { return }
    bySource[s] = pairs.count
    if byCandidate[c] == nil { byCandidate[c] = pairs.count }
    pairs.append(Pair(source: s, candidate: c, method: method, confidence: confidence))
  }

  /// Candidate steps that are part of a source layer's decomposed spelling (`Decompositions`).
  var explained: [Int: Int] = [:]
  /// Source steps already compared by evaluation; the structural checks skip them.
  var computed: Set<Int> = []

  func candidate(of s: Int) -> Int? { bySource[s].map { pairs[$0].candidate } }
  func isMatched(candidate c: Int) -> Bool { byCandidate[c] != nil || explained[c] != nil }
}

enum Matcher {
  static func match(source: LiftedGraph, candidate: LiftedGraph) -> Matching {
    var m = Matching()
    byGroups(&m, source, candidate, method: .provenance, confidence: 1) { step in
      step.nodes.compactMap { candidate.provenance[$0]?.sourceLayer }
    }
    let layers = Set(source.steps.flatMap { [$0.layer] + $0.mergedLayers })
    let suffixed = usesSuffixedScopes(candidate, layers: layers)
    byGroups(&m, source, candidate, method: .name, confidence: 0.9) { step in
      step.nodes.flatMap { nameKeys($0, suffixed: suffixed) }
    }
    byWeights(&m, source, candidate)
    Folding.match(&m, source, candidate)
    byAlignment(&m, source, candidate)
    Neighbours.match(&m, source, candidate)
    // Convolutions paired only by topology may still have absorbed their normalisation.
    Folding.match(&m, source, candidate)
    return m
  }

  /// Pairs steps of a layer with the candidate steps `keys` attributes to it, kind by kind in order.
  private static func byGroups(
    _ m: inout Matching, _ s: LiftedGraph, _ c: LiftedGraph, method: MatchMethod, confidence: Double,
    keys: (Step) -> [String]
  ) {
    var index: [String: [Int]] = [:]
    for (j, step) in c.steps.enumerated() where step.isCompute {
      for k in Set(keys(step)) { index[k, default: []].append(j) }
    }
    guard !index.isEmpty else { return }
    for (i, step) in s.steps.enumerated() where step.isCompute && m.bySource[i] == nil {
      for layer in [step.layer] + step.mergedLayers {
        guard let options = index[layer] else { continue }
        if let j = options.first(where: { !m.isMatched(candidate: $0) && compatible(step, c.steps[$0]) }) {
          let exact = c.steps[j].nodes.contains(layer) || method == .provenance
          m.add(i, j, method, exact ? 1 : confidence)
          break
        }
      }
    }
  }

  /// Keys a candidate node name offers: itself and, for path-like names (tf2onnx
  /// `model/conv1/Conv2D`, torch.onnx `/layer1/layer1.0/conv1/Conv`), every scope component
  /// and the dotted module path they spell.
  static func nameKeys(_ name: String, suffixed: Bool = false) -> [String] {
    var keys = [name]
    let parts = name.split(separator: "/").map(String.init)
    guard parts.count > 1 else { return keys }
    let scopes = parts.dropLast().map { suffixed ? strippingCallSuffix($0) : $0 }
    keys += scopes
    // torch.onnx scopes repeat the parent path: `/layer1/layer1.0/conv1/Conv` → `layer1.0.conv1`.
    var dotted = ""
    for p in scopes {
      if !dotted.isEmpty, p.hasPrefix(dotted + ".") { dotted = p } else { dotted = dotted.isEmpty ? p : dotted + "." + p }
    }
    keys.append(dotted)
    return keys
  }

  /// Keras 3 models traced by tf2onnx name scopes `<layer>_<k>` (`conv1_1/Conv2D`, and
  /// `activation_1_2` for layer `activation_1`). True when stripping one such suffix explains
  /// more scope components than taking them as they are.
  static func usesSuffixedScopes(_ c: LiftedGraph, layers: Set<String>) -> Bool {
    var exact = 0, stripped = 0
    for step in c.steps {
      for node in step.nodes {
        for part in node.split(separator: "/").dropLast().map(String.init) {
          if layers.contains(part) { exact += 1 }
          if layers.contains(strippingCallSuffix(part)) { stripped += 1 }
        }
      }
    }
    return stripped > exact
  }

  /// `conv1_1` → `conv1`; a component without a numeric suffix is returned unchanged.
  static func strippingCallSuffix(_ part: String) -> String {
    guard let underscore = part.lastIndex(of: "_"), part.index(after: underscore) < part.endIndex,
      part[part.index(after: underscore)...].allSatisfy(\.isNumber)
    else { return part }
    return String(part[..<underscore])
  }

  /// Steps whose canonical weights are identical.
  private static func byWeights(_ m: inout Matching, _ s: LiftedGraph, _ c: LiftedGraph) {
    var index: [UInt64: [Int]] = [:]
    for (j, step) in c.steps.enumerated() where !m.isMatched(candidate: j) {
      if let w = step.weights["W"], w.tensor.elementCount >= 8 { index[hash(w), default: []].append(j) }
    }
    guard !index.isEmpty else { return }
    for (i, step) in s.steps.enumerated() where m.bySource[i] == nil {
      guard let w = step.weights["W"], w.tensor.elementCount >= 8, let options = index[hash(w)] else { continue }
      if let j = options.first(where: { !m.isMatched(candidate: $0) && compatible(step, c.steps[$0]) }) {
        m.add(i, j, .weights, 0.95)
      }
    }
  }

  static func hash(_ w: WeightRef) -> UInt64 {
    var h = FNV1a()
    for d in w.canonicalShape { h.combine(UInt64(d)) }
    w.values().withUnsafeBytes { h.combine($0) }
    return h.value
  }

  /// Needleman–Wunsch over the compute steps: pairs already made are anchors (high score), the
  /// rest pair when their kinds are compatible; order is preserved.
  private static func byAlignment(_ m: inout Matching, _ s: LiftedGraph, _ c: LiftedGraph) {
    let a = s.steps.indices.filter { s.steps[$0].isCompute }
    let b = c.steps.indices.filter { c.steps[$0].isCompute }
    let n = a.count, k = b.count
    guard n > 0, k > 0 else { return }
    var score = [Int32](repeating: 0, count: (n + 1) * (k + 1))
    func at(_ i: Int, _ j: Int) -> Int { i * (k + 1) + j }
    func pairScore(_ i: Int, _ j: Int) -> Int32? {
      let si = a[i], cj = b[j]
      if let p = m.candidate(of: si) { return p == cj ? 8 : nil }
      if m.isMatched(candidate: cj) { return nil }
      guard compatible(s.steps[si], c.steps[cj]) else { return nil }
      // Same kind scores higher; for pools, the same pooling too (TVM lists branches in another order).
      return s.steps[si].kind == c.steps[cj].kind && s.steps[si].poolType == c.steps[cj].poolType ? 2 : 1
    }
    for i in 1...n {
      for j in 1...k {
        var best = max(score[at(i - 1, j)], score[at(i, j - 1)])
        if let p = pairScore(i - 1, j - 1) { best = max(best, score[at(i - 1, j - 1)] + p) }
        score[at(i, j)] = best
      }
    }
    var i = n, j = k
    var found: [(Int, Int)] = []
    while i > 0 && j > 0 {
      if let p = pairScore(i - 1, j - 1), score[at(i, j)] == score[at(i - 1, j - 1)] + p {
        found.append((a[i - 1], b[j - 1]))
        i -= 1; j -= 1
      } else if score[at(i, j)] == score[at(i - 1, j)] {
        i -= 1
      } else {
        j -= 1
      }
    }
    for (si, cj) in found.reversed() where m.bySource[si] == nil && !m.isMatched(candidate: cj) {
      m.add(si, cj, .topology, s.steps[si].kind == c.steps[cj].kind ? 0.6 : 0.4)
    }
  }

  /// Kinds that can implement each other.
  static func compatible(_ s: Step, _ c: Step) -> Bool {
    switch (s.kind, c.kind) {
    case (.batchNorm, .affine), (.affine, .batchNorm), (.affine, .mul), (.affine, .add), (.mul, .affine), (.add, .affine):
      return true
    case (.globalPool, .pool), (.pool, .globalPool):
      return s.poolType == c.poolType
    case (.other, .other):
      return s.opType == c.opType
    default:
      return s.kind == c.kind
    }
  }
}
