import ModelGraph

/// Source compute with no counterpart, candidate compute with no source, removed no-ops and
/// nodes whose results nothing reads.
extension CheckContext {
  mutating func checkUnmatched() {
    let startDistance = distanceFromInput(candidate)
    let sourceDistance = distanceFromInput(source)
    for (i, s) in source.steps.enumerated() where s.isCompute && matching.bySource[i] == nil {
      if s.kind == .affine || isPreprocessing(s, distance: sourceDistance[i]) {
        flag(.interface, layer: s.layer, subject: "preprocessing", expected: s.opType, found: "none",
             "source preprocessing \(s.layer) (\(s.opType)) has no counterpart: the candidate expects already-preprocessed input")
        continue
      }
      let what = s.kind == .activation ? "activation \(s.activation?.description ?? "")" : s.opType
      flag(.missingLayer, layer: s.layer, subject: s.kind.rawValue, expected: what, found: "none",
           "\(s.layer) (\(what)) has no counterpart in the candidate")
    }
    for (j, c) in candidate.steps.enumerated() where c.isCompute && !matching.isMatched(candidate: j) {
      let layer = nearestSourceLayer(candidateStep: j) ?? c.layer
      if isPreprocessing(c, distance: startDistance[j]) {
        flag(.interface, layer: "<input>", nodes: c.nodes, subject: "preprocessing", expected: "none", found: c.opType,
             "candidate bakes preprocessing into the graph: \(c.opType) on the input (\(c.nodes.joined(separator: ", ")))")
        continue
      }
      let what = c.kind == .activation ? "\(c.activation?.description ?? c.opType)" : c.opType
      flag(.extraCompute, layer: layer, nodes: c.nodes, subject: c.kind.rawValue, expected: "none", found: what,
           "candidate computes \(what) (\(c.nodes.joined(separator: ", "))) that no source layer explains")
    }
    let sourceRemoved = Set(source.removed.flatMap { $0.step.nodes })
    for (step, kind) in source.removed where kind == .dropoutRemoved {
      rewrite(.dropoutRemoved, layers: [step.layer], nodes: [], "\(step.layer) is a no-op at inference")
    }
    if source.dialect != .onnx || candidate.removed.count != source.removed.count {
      for (step, kind) in candidate.removed where !step.nodes.allSatisfy(sourceRemoved.contains) {
        rewrite(kind, layers: [nearestSourceLayer(candidateNode: step.nodes.first ?? "") ?? step.layer], nodes: step.nodes)
      }
    }
  }

  /// Elementwise arithmetic with constants reached from the graph input through data movement only.
  private func isPreprocessing(_ s: Step, distance: Int?) -> Bool {
    guard distance == 0 else { return false }
    switch s.kind {
    case .affine, .mul, .add, .sub, .div: return s.weights["const"] != nil || s.kind == .affine
    default: return false
    }
  }

  /// For each step, how many compute steps lie between it and the graph input (0 = none).
  func distanceFromInput(_ g: LiftedGraph) -> [Int?] {
    var depth: [String: Int] = [:]
    for i in g.inputs { depth[i.name] = 0 }
    var out: [Int?] = []
    for s in g.steps {
      let d = s.inputs.compactMap { depth[$0] }.min()
      out.append(d)
      if let d { for o in s.outputs { depth[o] = d + (s.isCompute ? 1 : 0) } }
    }
    return out
  }

  /// The source layer of the closest matched step upstream of a candidate step, for reporting.
  func nearestSourceLayer(candidateStep j: Int) -> String? {
    let producers = candidateProducers
    var frontier = candidate.steps[j].inputs
    var seen = Set<String>()
    while let t = frontier.popLast() {
      guard seen.insert(t).inserted, let p = producers[t] else { continue }
      if let k = matching.byCandidate[p] { return source.steps[matching.pairs[k].source].layer }
      frontier.append(contentsOf: candidate.steps[p].inputs)
    }
    return nil
  }

  func nearestSourceLayer(candidateNode name: String) -> String? {
    for (j, c) in candidate.steps.enumerated() where c.nodes.contains(name) { return nearestSourceLayer(candidateStep: j) }
    return nil
  }
}

extension CheckContext {
  /// Model inputs and outputs: count, dtype, size, layout, number of classes.
  mutating func checkInterface() {
    let layer = "<interface>"
    if source.inputs.count != candidate.inputs.count {
      flag(.interface, layer: layer, subject: "inputs", expected: "\(source.inputs.count)", found: "\(candidate.inputs.count)",
           "candidate takes \(candidate.inputs.count) input(s); the source takes \(source.inputs.count)")
    }
    if let si = source.inputs.first, let ci = candidate.inputs.first {
      if let a = si.type.elementType, let b = ci.type.elementType, a != b {
        flag(.interface, layer: layer, nodes: [ci.name], subject: "input dtype", expected: a.name, found: b.name,
             "input \(ci.name) is \(b.name); the source takes \(a.name)")
      }
      let a = si.type.shape?.map { $0.value ?? -1 }, b = ci.type.shape?.map { $0.value ?? -1 }
      if let a, let b, a.count == 4, b.count == 4 {
        if inputMap != [0, 1, 2, 3] {
          flag(.interface, .warning, layer: layer, nodes: [ci.name], subject: "input layout", expected: describe(a), found: describe(b),
               "input is \(inputMap == [0, 3, 1, 2] ? "NCHW" : "transposed") \(describe(b)) where the source takes \(describe(a)): callers must transpose")
        }
        var sizes = [Int](repeating: -1, count: 4)
        for k in 0..<4 { sizes[inputMap[k]] = b[k] }
        if (1..<4).contains(where: { a[$0] > 0 && sizes[$0] > 0 && a[$0] != sizes[$0] }) {
          let note = (a + sizes).contains(299) ? " (the 299/224 Inception–ImageNet mix-up)" : ""
          flag(.interface, layer: layer, nodes: [ci.name], subject: "input size", expected: describe(a), found: describe(sizes),
               "input size \(describe(sizes)) (in source axis order) instead of \(describe(a))\(note)")
        }
      } else if let a, let b, a.count != b.count {
        flag(.interface, layer: layer, nodes: [ci.name], subject: "input rank", expected: describe(a), found: describe(b),
             "input has rank \(b.count) instead of \(a.count)")
      }
    }
    let classFlagged = findings.contains { $0.subject == "classes" }
    for (so, co) in zip(source.outputs, candidate.outputs) where !classFlagged {
      let a = so.type.shape?.map { $0.value ?? -1 }, b = co.type.shape?.map { $0.value ?? -1 }
      guard let a, let b, a.count == b.count, let la = a.last, let lb = b.last, la > 0, lb > 0, la != lb else { continue }
      flag(.interface, layer: layer, nodes: [co.name], subject: "classes", expected: "\(la)", found: "\(lb)",
           "output \(co.name) has \(lb) classes instead of \(la)")
    }
  }

  /// Candidate nodes whose outputs nothing reads and that are not graph outputs.
  mutating func checkDangling(_ graph: Graph) {
    var used = Set(graph.outputs.map(\.name))
    for n in graph.nodes { used.formUnion(n.inputs) }
    let dangling = graph.nodes.filter { n in !n.outputs.isEmpty && n.outputs.allSatisfy { !used.contains($0) } }
    guard !dangling.isEmpty else { return }
    flag(.dangling, .warning, layer: "<graph>", nodes: dangling.map(\.name), subject: "unused nodes", expected: "0", found: "\(dangling.count)",
         "\(dangling.count) node(s) compute results nothing uses: \(dangling.prefix(5).map(\.name).joined(separator: ", "))\(dangling.count > 5 ? ", …" : "")")
  }
}
