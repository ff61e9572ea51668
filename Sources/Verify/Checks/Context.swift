import ModelGraph

/// Everything the checks read, and the findings and rewrites they accumulate.
struct CheckContext {
  let source: LiftedGraph
  let candidate: LiftedGraph
  let matching: Matching
  /// Candidate input axis i carries source input axis `inputMap[i]`.
  let inputMap: [Int]
  let options: VerifyOptions
  var findings: [Finding] = []
  var rewrites: [Rewrite] = []
  /// Tensors (candidate side) downstream of a layout finding: later steps reading them are not
  /// flagged again.
  var layoutTainted: Set<String> = []
  let candidateProducers: [String: Int]
  let sourceConsumers: [String: [Int]]

  init(source: LiftedGraph, candidate: LiftedGraph, matching: Matching, inputMap: [Int], options: VerifyOptions) {
    self.source = source
    self.candidate = candidate
    self.matching = matching
    self.inputMap = inputMap
    self.options = options
    candidateProducers = candidate.producers
    sourceConsumers = source.consumers
  }

  /// Source layers of the step being compared, when it stands for more than one.
  var currentGroup: [String] = []

  mutating func flag(
    _ kind: FindingKind, _ severity: Severity = .error, layer: String, nodes: [String] = [], subject: String,
    expected: String = "", found: String = "", _ message: String
  ) {
    let group = currentGroup.count > 1 && currentGroup[0] == layer ? currentGroup : nil
    findings.append(Finding(kind, severity, layer: layer, group: group, nodes: nodes, subject: subject, expected: expected,
                            found: found, message: message))
  }

  mutating func rewrite(_ kind: RewriteKind, layers: [String], nodes: [String], _ detail: String = "") {
    rewrites.append(Rewrite(kind, layers: layers, nodes: nodes, detail: detail))
  }

  /// Spatial size `[H, W]` of a candidate step's input, after any pad it absorbed.
  func candidateInputHW(_ c: Step) -> [Int]? {
    guard let x = c.inputs.first.flatMap({ candidate.shapes[$0] }), x.count == 4 else { return nil }
    return absorbing(c.absorbedPad, into: c.channelsLast ? [x[1], x[2]] : [x[2], x[3]])
  }

  func sourceInputHW(_ s: Step, partner c: Step) -> [Int]? {
    if source.dialect == .onnx, let x = s.inputs.first.flatMap({ source.shapes[$0] }), x.count == 4 {
      return absorbing(s.absorbedPad, into: s.channelsLast ? [x[1], x[2]] : [x[2], x[3]])
    }
    return candidateInputHW(c)
  }
}

/// `hw` widened by an absorbed `[top, left, bottom, right]` pad, or `nil` when the sum
/// overflows (pads come from the model file).
private func absorbing(_ pad: [Int]?, into hw: [Int]) -> [Int]? {
  guard let a = pad else { return hw }
  guard a.count == 4, let h = CheckedDims.add(hw[0], a[0], a[2]), let w = CheckedDims.add(hw[1], a[1], a[3]) else { return nil }
  return [h, w]
}

/// Explicit `[top, left, bottom, right]` padding of a conv or pool, resolving "same" padding
/// (TF/ONNX `SAME_UPPER`: the odd pixel goes at the end) against the input size.
func effectivePads(_ s: Step, inputHW: [Int]?) -> [Int]? {
  if let p = s.pads { return p.count == 4 ? p : p.count == 2 ? [p[0], 0, p[1], 0] : nil }
  guard let same = s.samePadding, let hw = inputHW, s.kernel.count == 2 else { return nil }
  var begin = [0, 0], end = [0, 0]
  for i in 0..<2 {
    let stride = i < s.strides.count ? s.strides[i] : 1
    let dilation = i < s.dilations.count ? s.dilations[i] : 1
    guard let out = CheckedDims.divide(hw[i], stride, ceil: true), let step = CheckedDims.multiply(out - 1, stride),
          let reach = CheckedDims.multiply(s.kernel[i] - 1, dilation), let overhang = CheckedDims.add(step, reach, 1, -hw[i])
    else { return nil }
    let total = max(overhang, 0)
    begin[i] = same == .upper ? total / 2 : total - total / 2
    end[i] = total - begin[i]
  }
  let absorbed = s.absorbedPad ?? [0, 0, 0, 0]
  let own = [begin[0], begin[1], end[0], end[1]]
  let pads = own.indices.map { i in CheckedDims.add(own[i], absorbed.count == 4 ? absorbed[i] : 0) }
  guard pads.allSatisfy({ $0 != nil }) else { return nil }
  return pads.compactMap { $0 }
}

func describe(_ v: [Int]) -> String { "[" + v.map(String.init).joined(separator: ", ") + "]" }
