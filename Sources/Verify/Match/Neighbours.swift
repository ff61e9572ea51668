/// Pairs compute steps the order-preserving alignment leaves over because the two graphs list a
/// branch at different places (TVM's ONNX import emits a residual shortcut's pooling after the
/// main path; the source lists it first): a source step and a compatible candidate step pair
/// when their data comes from producers already paired with each other.
enum Neighbours {
  static func match(_ m: inout Matching, _ s: LiftedGraph, _ c: LiftedGraph) {
    let sp = s.producers, cp = c.producers
    for (i, step) in s.steps.enumerated() where step.isCompute && m.bySource[i] == nil {
      let wanted = step.inputs.map { computeProducer($0, s, sp).flatMap { m.candidate(of: $0) } }
      guard !wanted.isEmpty, wanted.allSatisfy({ $0 != nil }) else { continue }
      let found = c.steps.indices.first { j in
        c.steps[j].isCompute && !m.isMatched(candidate: j) && Matcher.compatible(step, c.steps[j])
          && Set(c.steps[j].inputs.map { computeProducer($0, c, cp) }) == Set(wanted)
      }
      if let j = found { m.add(i, j, .topology, 0.6) }
    }
  }

  /// The compute step producing `tensor`, looking through data movement (transposes, reshapes).
  static func computeProducer(_ tensor: String, _ g: LiftedGraph, _ producers: [String: Int]) -> Int? {
    var t = tensor
    while let p = producers[t] {
      if g.steps[p].isCompute { return p }
      guard let next = g.steps[p].inputs.first else { return nil }
      t = next
    }
    return nil
  }
}
