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
    var hw = c.channelsLast ? [x[1], x[2]] : [x[2], x[3]]
    if let a = c.absorbedPad { hw = [hw[0] + a[0] + a[2], hw[1] + a[1] + a[3]] }
    return hw
  }

  func sourceInputHW(_ s: Step, partner c: Step) -> [Int]? {
    if source.dialect == .onnx, let x = s.inputs.first.flatMap({ source.shapes[$0] }), x.count == 4 {
      var hw = s.channelsLast ? [x[1], x[2]] : [x[2], x[3]]
      if let a = s.absorbedPad { hw = [hw[0] + a[0] + a[2], hw[1] + a[1] + a[3]] }
      return hw
    }
    return candidateInputHW(c)
  }
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
    let out = (hw[i] + stride - 1) / stride
    let total = max((out - 1) * stride + (s.kernel[i] - 1) * dilation + 1 - hw[i], 0)
    begin[i] = same == .upper ? total / 2 : total - total / 2
    end[i] = total - begin[i]
  }
  let absorbed = s.absorbedPad ?? [0, 0, 0, 0]
  return [begin[0] + absorbed[0], begin[1] + absorbed[1], end[0] + absorbed[2], end[1] + absorbed[3]]
}

func describe(_ v: [Int]) -> String { "[" + v.map(String.init).joined(separator: ", ") + "]" }
