import ModelGraph

/// Ops compared as spelled (`GenericOp`) and PReLU slopes.
extension CheckContext {
  /// Same op type, same attributes, same constant operands.
  mutating func checkGeneric(_ s: Step, _ c: Step) {
    guard let a = s.generic, let b = c.generic else { return }
    let layer = s.layer, nodes = c.nodes
    if s.opType != c.opType {
      flag(.hyperParameterMismatch, layer: layer, nodes: nodes, subject: "op", expected: s.opType, found: c.opType,
           "\(c.opType) instead of \(s.opType)")
      return
    }
    for key in Set(a.attributes.keys).union(b.attributes.keys).sorted() where !sameAttribute(a.attributes[key], b.attributes[key]) {
      flag(.attributeMismatch, layer: layer, nodes: nodes, subject: key, expected: a.attributes[key].map(show) ?? "unset",
           found: b.attributes[key].map(show) ?? "unset", "\(c.opType) attribute \(key) differs")
    }
    for slot in Set(a.constants.keys).union(b.constants.keys).sorted() {
      let va = a.constants[slot].map(squeezedValues), vb = b.constants[slot].map(squeezedValues)
      guard let va, let vb, va.shape == vb.shape, allClose(va.values, vb.values) else {
        flag(.weightMismatch, layer: layer, nodes: nodes, subject: "operand \(slot)",
             expected: va.map { preview($0.values) } ?? "none", found: vb.map { preview($0.values) } ?? "none",
             "\(c.opType) constant operand \(slot) differs")
        continue
      }
    }
  }

  /// PReLU's learned slopes, compared without their broadcast unit axes.
  mutating func checkSlopes(_ s: Step, _ c: Step) {
    guard let a = s.weights["slope"].map(squeezedValues) else { return }
    let b = c.weights["slope"].map(squeezedValues)
    if let b, a.shape == b.shape, allClose(a.values, b.values) { return }
    flag(.hyperParameterMismatch, layer: s.layer, nodes: c.nodes, subject: "slope", expected: preview(a.values),
         found: b.map { preview($0.values) } ?? "none", "PRelu slopes differ")
  }

  private func sameAttribute(_ a: Attribute?, _ b: Attribute?) -> Bool {
    switch (a, b) {
    case (.float(let x)?, .float(let y)?): close(x, y, rtol: options.hyperRtol)
    case (.floats(let x)?, .floats(let y)?): x.count == y.count && zip(x, y).allSatisfy { close($0, $1, rtol: options.hyperRtol) }
    default: a == b
    }
  }

  private func show(_ a: Attribute) -> String {
    switch a {
    case .float(let v): fmt(v)
    case .int(let v): "\(v)"
    case .string(let v): v
    case .floats(let v): "[" + v.map(fmt).joined(separator: ", ") + "]"
    case .ints(let v): "[" + v.map { "\($0)" }.joined(separator: ", ") + "]"
    default: "\(a)"
    }
  }
}

/// Values in canonical order and the shape without its unit axes (broadcast spellings of one
/// constant — `[C]`, `[C, 1, 1]`, `[1, C, 1, 1]` — compare equal).
func squeezedValues(_ w: WeightRef) -> (shape: [Int], values: [Float]) {
  (w.canonicalShape.filter { $0 != 1 }, w.values())
}
