import ModelGraph

/// Rewrites a lifted graph into its plainest form so that two spellings of the same model meet:
/// no-ops removed, bias adds folded into their conv/dense, Mul+Add pairs into one affine step,
/// zero Pad into the following conv, and transpose pairs composed (or cancelled). Every fusion
/// is tagged on the resulting step so the report can list it.
enum Normalize {
  static func run(_ input: LiftedGraph) -> LiftedGraph {
    var g = input
    commutePadsPastTransposes(&g)
    var alias: [String: String] = [:]
    var producer: [String: Int] = [:]
    var uses: [String: Int] = [:]
    for s in g.steps { for t in s.inputs { uses[t, default: 0] += 1 } }
    for o in g.outputs { uses[o.name, default: 0] += 2 }
    var dead = Set<Int>()

    func resolve(_ t: String) -> String {
      var t = t
      while let a = alias[t] { t = a }
      return t
    }

    for i in g.steps.indices {
      g.steps[i].inputs = g.steps[i].inputs.map(resolve)
      let step = g.steps[i]
      if step.kind == .identity, let input = step.inputs.first, let out = step.outputs.first {
        alias[out] = input
        uses[input, default: 0] += (uses[out] ?? 0) - 1
        dead.insert(i)
        g.removed.append((step, step.opType == "Dropout" ? .dropoutRemoved : .identityRemoved))
        continue
      }
      if let t = step.inputs.first, let j = producer[t], !dead.contains(j), uses[t] == 1,
        let fused = fuse(g.steps[j], step)
      {
        if fused.kind == .identity, let input = fused.inputs.first, let out = step.outputs.first {
          // Cancelling transposes: both go.
          alias[out] = input
          uses[input, default: 0] += (uses[out] ?? 0) - 1
          dead.formUnion([i, j])
          g.removed.append((fused, .cancellingTransposes))
          continue
        }
        g.steps[j] = fused
        dead.insert(i)
        for o in step.outputs { producer[o] = j }
        continue
      }
      for o in step.outputs { producer[o] = i }
    }
    // Nested concatenations on one axis are one concatenation (tf2onnx merges them).
    for i in g.steps.indices where !dead.contains(i) && g.steps[i].kind == .concat {
      var inputs: [String] = []
      for t in g.steps[i].inputs.map(resolve) {
        if let j = producer[t], j != i, !dead.contains(j), uses[t] == 1, g.steps[j].kind == .concat,
          g.steps[j].axis == g.steps[i].axis
        {
          inputs += g.steps[j].inputs.map(resolve)
          g.steps[i].nodes = g.steps[j].nodes + g.steps[i].nodes
          g.steps[i].mergedLayers += [g.steps[j].layer] + g.steps[j].mergedLayers
          dead.insert(j)
        } else {
          inputs.append(t)
        }
      }
      g.steps[i].inputs = inputs
    }
    // A fused step sits at its first part's position; inputs of later steps were resolved.
    g.steps = g.steps.indices.filter { !dead.contains($0) }.map { g.steps[$0] }
    for k in g.steps.indices {
      g.steps[k].inputs = g.steps[k].inputs.map(resolve)
      // A per-channel Mul alone is a normalisation whose shift was zero (dropped by exporters).
      if g.steps[k].kind == .mul, let c = g.steps[k].weights["const"], c.tensor.elementCount > 1, g.steps[k].inputs.count == 1 {
        g.steps[k].kind = .affine
        g.steps[k].weights = ["scale": c, "shift": WeightRef(Tensor([0], shape: [1]), name: "zero")]
        g.steps[k].channelsLast = AffineChain.isChannelsLast(c.tensor.shape)
      }
    }
    return g
  }

  /// `a` then `b` as one step, or `nil` when they do not combine.
  static func fuse(_ a: Step, _ b: Step) -> Step? {
    var merged = a
    merged.outputs = b.outputs
    merged.nodes = a.nodes + b.nodes
    merged.opType = a.opType + "+" + b.opType
    if b.layer != a.layer { merged.mergedLayers.append(b.layer) }
    switch (a.kind, b.kind) {
    case (.conv, .add), (.dense, .add):
      guard let c = b.weights["const"], a.weights["B"] == nil, isBias(c.tensor.shape, a: a) else { return nil }
      merged.weights["B"] = WeightRef(c.tensor, name: c.name, perm: nil, reshape: [c.tensor.elementCount])
      if a.kind == .conv { merged.rewrites.append(.biasAddSplit) }
      return merged
    case (.mul, .add), (.mul, .sub), (.mul, .mul), (.mul, .div), (.add, .add), (.add, .sub), (.add, .mul), (.add, .div),
      (.sub, .add), (.sub, .sub), (.sub, .mul), (.sub, .div), (.div, .add), (.div, .sub), (.div, .mul), (.div, .div),
      (.affine, .add), (.affine, .sub), (.affine, .mul), (.affine, .div):
      // Constant-folding converters merge chains of x·s + b (Rescaling then Normalization).
      guard a.inputs.count == 1, b.inputs.count == 1, let (scale, shift) = AffineChain.compose(a, then: b) else { return nil }
      merged.kind = .affine
      merged.weights = ["scale": scale, "shift": shift]
      merged.channelsLast = AffineChain.isChannelsLast(scale.tensor.shape) || AffineChain.isChannelsLast(shift.tensor.shape)
      return merged
    case (.pad, .conv), (.pad, .pool):
      guard b.kind == .conv || b.poolType == "avg" && b.countIncludePad || b.kind == .conv,
        let full = a.pads, let own = b.pads, let spatial = spatialPads(full, channelsLast: b.channelsLast)
      else { return nil }
      var fused = b
      fused.inputs = a.inputs
      fused.nodes = a.nodes + b.nodes
      fused.opType = a.opType + "+" + b.opType
      fused.pads = zip(own, spatial).map { $0 + $1 }
      fused.absorbedPad = spatial
      fused.rewrites.append(b.kind == .conv ? .padFoldedIntoConv : .padFoldedIntoPool)
      if a.layer != b.layer { fused.mergedLayers = a.mergedLayers + [a.layer] + b.mergedLayers }
      return fused
    case (.activation, .activation):
      // Clip(lo, hi) spelled as max(x, lo) then min(·, hi) (TVM's ONNX import): one clip when the ranges meet.
      guard case .clip(let lo1, let hi1)? = a.activation, case .clip(let lo2, let hi2)? = b.activation,
        max(lo1, lo2) <= min(hi1, hi2)
      else { return nil }
      merged.activation = .clip(min: max(lo1, lo2), max: min(hi1, hi2))
      return merged
    case (.transpose, .transpose):
      guard let p = a.perm, let q = b.perm, p.count == q.count else { return nil }
      let composed = q.map { p[$0] }
      if composed == Array(0..<composed.count) {
        merged.kind = .identity
        return merged
      }
      merged.perm = composed
      return merged
    default:
      return nil
    }
  }

  /// A per-channel vector: `[C]`, `[1, C]` or `[1, C, 1, 1]` (or NHWC `[1, 1, 1, C]` channels-last).
  static func isBias(_ shape: [Int], a: Step) -> Bool {
    let nonUnit = shape.enumerated().filter { $0.element != 1 }
    if nonUnit.isEmpty { return true }
    guard nonUnit.count == 1 else { return false }
    let axis = nonUnit[0].offset - shape.count  // negative from the end
    if a.kind == .dense || shape.count == 1 { return axis == -1 || shape.count <= 2 }
    return a.channelsLast ? axis == -1 : shape.count == 4 && axis == -3
  }

  /// `[top, left, bottom, right]` from a rank-4 pads vector that pads only spatial axes.
  static func spatialPads(_ pads: [Int], channelsLast: Bool) -> [Int]? {
    guard pads.count == 8 else { return nil }
    let (h, w, n, c) = channelsLast ? (1, 2, 0, 3) : (2, 3, 0, 1)
    guard pads[n] == 0, pads[n + 4] == 0, pads[c] == 0, pads[c + 4] == 0 else { return nil }
    return [pads[h], pads[w], pads[h + 4], pads[w + 4]]
  }

  /// A zero Pad whose only reader is a rank-4 Transpose moves after it, its pads permuted
  /// (tf2onnx pads in NHWC before transposing to NCHW; our lowering pads after), so that it
  /// meets the convolution it feeds.
  static func commutePadsPastTransposes(_ g: inout LiftedGraph) {
    var readers: [String: [Int]] = [:]
    for (i, s) in g.steps.enumerated() { for t in s.inputs { readers[t, default: []].append(i) } }
    let outputs = Set(g.outputs.map(\.name))
    for i in g.steps.indices {
      let pad = g.steps[i]
      guard pad.kind == .pad, let p = pad.pads, p.count == 8, pad.inputs.count == 1, let out = pad.outputs.first,
        pad.outputs.count == 1, !outputs.contains(out), let r = readers[out], r.count == 1
      else { continue }
      let j = r[0]
      let transpose = g.steps[j]
      guard j > i, transpose.kind == .transpose, let perm = transpose.perm, perm.count == 4, transpose.inputs == [out] else { continue }
      let moved = out + "#before-pad"
      var t = transpose, q = pad
      t.inputs = pad.inputs
      t.outputs = [moved]
      q.inputs = [moved]
      q.outputs = transpose.outputs
      q.pads = perm.map { p[$0] } + perm.map { p[$0 + 4] }
      g.steps[i] = t
      g.steps[j] = q
    }
  }
}
