import Foundation
import ModelGraph

/// Compares one matched pair of steps: geometry, hyper-parameters, layout and weights.
extension CheckContext {
  mutating func compare(source si: Int, candidate ci: Int) {
    let s = source.steps[si], c = candidate.steps[ci]
    let layer = s.layer
    let nodes = c.nodes
    currentGroup = [layer] + s.mergedLayers + (matching.pairs.filter { $0.candidate == ci && $0.source != si }.map { source.steps[$0.source].layer })
    defer { currentGroup = [] }
    if s.kind == .batchNorm && c.kind == .conv || s.kind == .batchNorm && c.kind == .dense {
      return  // folded normalisation: checked with its conv
    }
    // Downstream of a layout finding, axes and spatial sizes are the fault's, not this layer's.
    let axesKnown = !c.inputs.contains { layoutTainted.contains($0) }
    checkLayout(s, c)
    switch (s.kind, c.kind) {
    case (.conv, .conv), (.pool, .pool):
      checkGeometry(s, c, axesKnown: axesKnown)
      if s.kind == .conv { checkConvWeights(si: si, ci: ci) }
    case (.dense, .dense):
      checkDense(si: si, ci: ci)
    case (.batchNorm, .batchNorm):
      if let a = s.epsilon, let b = c.epsilon, !close(a, b, rtol: options.hyperRtol) {
        flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "epsilon", expected: "\(a)", found: "\(b)",
             "BatchNormalization epsilon \(b) instead of \(a)")
      }
      checkBatchNormWeights(s, c)
    case (.batchNorm, .affine), (.affine, .affine), (.affine, .batchNorm):
      checkAffine(s, c)
      if s.kind == .batchNorm { rewrite(.batchNormAsMulAdd, layers: [layer], nodes: nodes) }
    case (.activation, .activation):
      if let a = s.activation, let b = c.activation, !a.sameFunction(as: b) {
        flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "activation", expected: a.description,
             found: b.description, "activation \(b) instead of \(a)")
      } else if case .clip(0, 6)? = c.activation, source.dialect != .onnx, source.layerOps[layer] != "keras.Activation" {
        rewrite(.relu6AsClip, layers: [layer], nodes: nodes)
      }
      if case .prelu? = s.activation { checkSlopes(s, c) }
    case (.softmax, .softmax), (.concat, .concat):
      if s.kind == .softmax, (s.opType == "LogSoftmax") != (c.opType == "LogSoftmax") {
        flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "op", expected: s.opType, found: c.opType,
             "\(c.opType) instead of \(s.opType)")
      }
      if axesKnown { checkAxis(s, c) }
    case (.globalPool, .globalPool):
      if s.poolType != c.poolType {
        flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "pooling", expected: s.poolType, found: c.poolType,
             "global \(c.poolType) pooling instead of \(s.poolType)")
      }
    case (.pad, .pad):
      if axesKnown { checkPad(s, c) }
    case (.add, .add), (.sub, .sub), (.mul, .mul), (.div, .div):
      checkConstant(s, c)
    default:
      checkGeneric(s, c)
    }
    for r in Set(c.rewrites).subtracting(s.rewrites) where r != .denseAsGemm || source.dialect != .onnx {
      rewrite(r, layers: [layer] + s.mergedLayers, nodes: nodes)
    }
  }

  /// Kernel, strides, dilations, groups, effective pads, pooling modes.
  private mutating func checkGeometry(_ s: Step, _ c: Step, axesKnown: Bool) {
    let layer = s.layer, nodes = c.nodes
    func differ(_ subject: String, _ a: [Int], _ b: [Int]) {
      guard !a.isEmpty, !b.isEmpty, a != b else { return }
      flag(.attributeMismatch, layer: layer, nodes: nodes, subject: subject, expected: describe(a), found: describe(b),
           "\(subject) \(describe(b)) instead of \(describe(a))")
    }
    if s.kind == .pool, s.poolType != c.poolType {
      flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "pooling", expected: s.poolType, found: c.poolType,
           "\(c.poolType) pooling instead of \(s.poolType)")
    }
    differ("kernel", s.kernel, c.kernel)
    differ("strides", s.strides, c.strides)
    differ("dilations", s.dilations, c.dilations)
    if s.groups != c.groups {
      differ("groups", [s.groups], [c.groups])
    }
    let hwS = sourceInputHW(s, partner: c), hwC = candidateInputHW(c)
    let ps = effectivePads(s, inputHW: hwS), pc = effectivePads(c, inputHW: hwC)
    if axesKnown, let ps, let pc, ps != pc {
      let sameNote = s.samePadding != nil ? " (\"same\" padding on a \(describe(hwS ?? [])) input)" : ""
      flag(.attributeMismatch, layer: layer, nodes: nodes, subject: "pads", expected: describe(ps), found: describe(pc),
           "effective pads [top, left, bottom, right] \(describe(pc)) instead of \(describe(ps))\(sameNote)")
    }
    guard s.kind == .pool, let hw = hwC, let pads = pc ?? ps else { return }
    if s.ceilMode != c.ceilMode, outputSize(c, hw: hw, pads: pads, ceil: true) != outputSize(c, hw: hw, pads: pads, ceil: false) {
      flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "ceil_mode", expected: "\(s.ceilMode)", found: "\(c.ceilMode)",
           "pooling ceil_mode \(c.ceilMode) instead of \(s.ceilMode): the output size changes")
    }
    // Padding counted in the average matters only where there is padding.
    let sourceCounts = s.countIncludePad || (s.absorbedPad.map { $0.contains { $0 > 0 } } ?? false)
    let candidateCounts = c.countIncludePad || (c.absorbedPad.map { $0.contains { $0 > 0 } } ?? false)
    if s.poolType == "avg", pads.contains(where: { $0 > 0 }), sourceCounts != candidateCounts {
      flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "count_include_pad", expected: "\(sourceCounts)",
           found: "\(candidateCounts)", "average pooling \(candidateCounts ? "counts" : "excludes") padded pixels; the source \(sourceCounts ? "counts" : "excludes") them")
    }
  }

  /// `nil` when the sizes (from the model file) overflow or leave no output.
  private func outputSize(_ s: Step, hw: [Int], pads: [Int], ceil: Bool) -> [Int]? {
    let sizes = (0..<2).map { i -> Int? in
      let stride = i < s.strides.count ? max(s.strides[i], 1) : 1
      let k = i < s.kernel.count ? s.kernel[i] : 1
      guard pads.count == 4, let total = CheckedDims.add(hw[i], pads[i], pads[i + 2], -k) else { return nil }
      return CheckedDims.divide(total, stride, ceil: ceil).flatMap { CheckedDims.add($0, 1) }
    }
    guard sizes.allSatisfy({ $0 != nil }) else { return nil }
    return sizes.compactMap { $0 }
  }

  /// The data must reach channel ops with channels and spatial axes where the source has them.
  private mutating func checkLayout(_ s: Step, _ c: Step) {
    let tainted = c.inputs.contains { layoutTainted.contains($0) }
    defer { if tainted { layoutTainted.formUnion(c.outputs) } }
    guard !tainted else { return }
    if c.mixedInputLayouts, !s.mixedInputLayouts { return flagMixedLayouts(layer: s.layer, c) }
    let channelOps: Set<Step.Kind> = [.conv, .pool, .globalPool, .batchNorm]
    if channelOps.contains(s.kind), let rs = Layout.roleAxes(s), let rc = Layout.roleAxes(c) {
      let mapped = rc.map { inputMap[$0] }
      if mapped != rs {
        layoutTainted.formUnion(c.outputs)
        flag(.layout, layer: s.layer, nodes: c.nodes, subject: "data layout",
             expected: "channel axis \(rs[0]), spatial \(describe(Array(rs.dropFirst())))",
             found: "channel axis \(mapped[0]), spatial \(describe(Array(mapped.dropFirst())))",
             "\(c.opType) reads its input in the wrong layout (missing, extra or wrong transpose before it): channels arrive on input axis \(mapped[0]) instead of \(rs[0])")
      }
    }
    // A dense layer on rank-4 data multiplies along its last axis: the features must be there.
    if s.kind == .dense, let ps = s.inputPerm, let pc = c.inputPerm, ps.count == 4, pc.count == 4,
      s.inputs.first.flatMap({ source.shapes[$0] })?.count == 4, c.inputs.first.flatMap({ candidate.shapes[$0] })?.count == 4,
      inputMap.indices.contains(pc[3]), inputMap[pc[3]] != ps[3]
    {
      layoutTainted.formUnion(c.outputs)
      flag(.layout, layer: s.layer, nodes: c.nodes, subject: "data layout", expected: "features on input axis \(ps[3])",
           found: "input axis \(inputMap[pc[3]])",
           "\(c.opType) multiplies along input axis \(inputMap[pc[3]]) instead of \(ps[3]) (missing, extra or wrong transpose before it)")
    }
    if s.kind == .dense, let fs = s.flatOrder ?? (s.inputPerm == nil ? nil : [0, 1, 2, 3]),
      let fc = c.flatOrder, fc.map({ inputMap[$0] }) != fs
    {
      layoutTainted.formUnion(c.outputs)
      flag(.layout, layer: s.layer, nodes: c.nodes, subject: "flatten order", expected: describe(fs),
           found: describe(fc.map { inputMap[$0] }),
           "features reach the dense layer flattened in a different axis order (missing transpose before Flatten/Reshape)")
    }
  }

  /// A candidate step joining branches whose axes arrive in different orders: one branch
  /// lost (or gained) a transpose. Shapes can still agree when sizes coincide (C = W).
  mutating func flagMixedLayouts(layer: String, _ c: Step) {
    layoutTainted.formUnion(c.outputs)
    flag(.layout, layer: layer, nodes: c.nodes, subject: "data layout", expected: "inputs in one layout",
         found: "inputs in different layouts",
         "\(c.opType) combines inputs whose axes arrive in different orders (missing, extra or wrong transpose on one branch)")
  }

  /// Softmax and concat axes, compared as axes of the graph input where the data is rank 4.
  private mutating func checkAxis(_ s: Step, _ c: Step) {
    guard var a = s.axis, var b = c.axis else { return }
    // A negative axis counts from the end of whichever side knows the rank.
    if let rank = s.rank ?? c.rank { a = a < 0 ? a + rank : a; b = b < 0 ? b + rank : b }
    // Axes outside the permutation (a hostile file's) are compared as they are, never used as indexes.
    let sa = s.inputPerm.map { $0.indices.contains(a) ? $0[a] : a } ?? a
    let cb = c.inputPerm.map { $0.indices.contains(b) && inputMap.indices.contains($0[b]) ? inputMap[$0[b]] : b } ?? b
    if sa != cb {
      flag(.hyperParameterMismatch, layer: s.layer, nodes: c.nodes, subject: "axis", expected: "\(a)", found: "\(b)",
           "\(c.opType) over axis \(b) (input axis \(cb)) instead of axis \(a) (input axis \(sa))")
    }
  }

  /// Pads per axis of the graph input (explicit Pad steps that were not folded).
  private mutating func checkPad(_ s: Step, _ c: Step) {
    guard let a = s.pads, let b = c.pads, a.count == 8, b.count == 8 else { return }
    func perInputAxis(_ p: [Int], _ perm: [Int]?, map: [Int]) -> [Int] {
      var out = [Int](repeating: 0, count: 8)
      for k in 0..<4 {
        let axis = map[perm?[k] ?? k]
        out[axis] = p[k]
        out[axis + 4] = p[k + 4]
      }
      return out
    }
    let pa = perInputAxis(a, s.inputPerm, map: [0, 1, 2, 3]), pb = perInputAxis(b, c.inputPerm, map: inputMap)
    if pa != pb {
      flag(.attributeMismatch, layer: s.layer, nodes: c.nodes, subject: "pads", expected: describe(pa), found: describe(pb),
           "Pad pads per input axis (begin…, end…) \(describe(pb)) instead of \(describe(pa))")
    }
  }

  private mutating func checkConstant(_ s: Step, _ c: Step) {
    guard let a = s.weights["const"], let b = c.weights["const"] else { return }
    let va = a.values(), vb = b.values()
    if va.count == vb.count, !allClose(va, vb) {
      flag(.weightMismatch, layer: s.layer, nodes: c.nodes, subject: "constant operand", expected: preview(va), found: preview(vb),
           "\(c.opType) constant differs")
    }
  }

  func allClose(_ a: [Float], _ b: [Float]) -> Bool {
    guard a.count == b.count else { return false }
    var peak: Float = 0
    for x in a { peak = max(peak, abs(x)) }
    let tol = options.weightAtol + options.weightRtol * peak
    for i in a.indices where !(abs(a[i] - b[i]) <= tol) { return false }
    return true
  }
}

func preview(_ v: [Float]) -> String {
  "[" + v.prefix(4).map { String(format: "%.6g", $0) }.joined(separator: ", ") + (v.count > 4 ? ", … (\(v.count))" : "") + "]"
}
