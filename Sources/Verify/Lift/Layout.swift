/// Tracks, for every rank-4 tensor, which axis of the graph input each of its axes carries, so
/// that a convolution reading NHWC data in an NCHW graph (a missing, extra or wrong transpose)
/// shows up at the first step that reads the data wrongly.
enum Layout {
  static func propagate(_ g: inout LiftedGraph) {
    var perm: [String: [Int]] = [:]
    var flat: [String: [Int]] = [:]
    // Tensors whose axes are traced from the input (not assumed after a reshape to rank 4).
    var traced = Set<String>()
    for input in g.inputs where (input.type.shape?.count ?? 4) == 4 {
      perm[input.name] = [0, 1, 2, 3]
      traced.insert(input.name)
    }
    for i in g.steps.indices {
      let s = g.steps[i]
      let p = s.inputs.lazy.compactMap { perm[$0] }.first
      g.steps[i].inputPerm = p
      g.steps[i].mixedInputLayouts = mixed(s.inputs.filter(traced.contains), perm: perm, shapes: g.shapes)
      g.steps[i].flatOrder = s.inputs.lazy.compactMap { flat[$0] }.first
      let outRank = s.outputs.first.flatMap { g.shapes[$0]?.count } ?? defaultRank(s, inputRank: p == nil ? nil : 4)
      var out: [Int]? = nil
      var assumed = false
      switch s.kind {
      case .transpose:
        if let p, let q = s.perm, q.count == 4, q.allSatisfy({ p.indices.contains($0) }) { out = q.map { p[$0] } }
      case .reshape:
        if outRank == 4, let p, let x = s.inputs.first.flatMap({ g.shapes[$0] }),
          let y = s.outputs.first.flatMap({ g.shapes[$0] }), x == y { out = p }
        else if outRank == 4 { out = [0, 1, 2, 3]; assumed = true }
        else if let p, let x = s.inputs.first.flatMap({ g.shapes[$0] }), x.count == 4 {
          // Element order matters only when more than one axis besides the batch is > 1.
          if x.dropFirst().filter({ $0 > 1 }).count > 1 { for o in s.outputs { flat[o] = p } }
        } else if let f = g.steps[i].flatOrder { for o in s.outputs { flat[o] = f } }
      case .dense, .globalPool where outRank != 4:
        break
      default:
        if outRank == 4 || outRank == nil { out = p }
        if outRank != 4, let f = g.steps[i].flatOrder { for o in s.outputs { flat[o] = f } }
      }
      if let out { for o in s.outputs { perm[o] = out } }
      if out != nil, !assumed, s.inputs.contains(where: traced.contains) {
        traced.formUnion(s.outputs)
      }
    }
  }

  /// True when two of `inputs` (rank 4, known shapes) carry different input axes at a position
  /// where both are longer than 1: broadcast operands (`[N, C, 1, 1]`) agree by construction.
  private static func mixed(_ inputs: [String], perm: [String: [Int]], shapes: [String: [Int]]) -> Bool {
    let known = inputs.compactMap { name in perm[name].flatMap { p in shapes[name].map { (p, $0) } } }
      .filter { $0.0.count == 4 && $0.1.count == 4 }
    guard let (p0, s0) = known.first else { return false }
    return known.dropFirst().contains { p, shape in (0..<4).contains { shape[$0] > 1 && s0[$0] > 1 && p[$0] != p0[$0] } }
  }

  private static func defaultRank(_ s: Step, inputRank: Int?) -> Int? {
    switch s.kind {
    case .dense, .reshape: 2
    case .globalPool: s.channelsLast ? 2 : 4
    default: inputRank
    }
  }

  /// The graph-input axes a step reads as `[channel, height, width]`, or `nil` if not rank-4.
  static func roleAxes(_ s: Step) -> [Int]? {
    guard let p = s.inputPerm else { return nil }
    // A scalar scale and shift reads no channel axis.
    if s.kind == .affine, s.weights.values.allSatisfy({ $0.tensor.elementCount == 1 }) { return nil }
    let local = s.channelsLast ? [3, 1, 2] : [1, 2, 3]
    return local.map { p[$0] }
  }

  /// Maps candidate input axes to source input axes by comparing the two input shapes:
  /// identity, NHWC→NCHW or NCHW→NHWC, else by where the 3-channel axis sits.
  static func inputAxisMap(source: [Int]?, candidate: [Int]?) -> [Int] {
    let identity = [0, 1, 2, 3]
    guard let s = source, let c = candidate, s.count == 4, c.count == 4 else { return identity }
    for map in [identity, [0, 3, 1, 2], [0, 2, 3, 1]] where map.map({ s[$0] }) == c { return map }
    let sc = s[3] <= 4 ? 3 : 1
    let cc = c[3] <= 4 ? 3 : 1
    if sc == cc { return identity }
    return cc == 1 ? [0, 3, 1, 2] : [0, 2, 3, 1]
  }
}
