import ModelGraph

/// Einstein summation over the `equation` (`"bij,bjk->bik"`; without `->` the output is the
/// labels used once, in alphabetical order, after any `...`). A label repeated within one
/// operand takes its diagonal; labels missing from the output are summed. Computed directly
/// over every label combination, in `Double`.
struct Einsum: Kernel {
  static let key = OpKey("Einsum", since: 12)
  static let arity: ClosedRange<Int> = 1...Int.max
  let terms: [String], output: String?

  init(node: Node, opset: Int) throws(RuntimeError) {
    let equation = try node.string("equation", default: "").filter { !$0.isWhitespace }
    let sides = equation.components(separatedBy: "->")
    guard sides.count <= 2, !equation.isEmpty else { throw .attribute(name: "equation", expected: "'inputs->output'", found: "'\(equation)'") }
    terms = sides[0].components(separatedBy: ",")
    output = sides.count == 2 ? sides[1] : nil
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let xs = try inputs.indices.map { i throws(RuntimeError) in try inputs.required(i) }
    guard xs.count == terms.count else { throw .attribute(name: "equation", expected: "\(xs.count) operands", found: "\(terms.count)") }
    // Labels as strings; `...` expands to "0", "1", … aligned to the right.
    let ellipsis = xs.indices.map { max(0, xs[$0].rank - terms[$0].replacingOccurrences(of: "...", with: "").count) }.max() ?? 0
    func labels(_ term: String, rank: Int) -> [String] {
      let parts = term.components(separatedBy: "...")
      let dots = parts.count == 2 ? (0..<ellipsis).suffix(rank - parts[0].count - parts[1].count).map { "\($0)" } : []
      return parts[0].map(String.init) + dots + (parts.count == 2 ? parts[1].map(String.init) : [])
    }
    let operandLabels = xs.indices.map { labels(terms[$0], rank: xs[$0].rank) }
    var size: [String: Int] = [:]
    for (t, ls) in zip(xs, operandLabels) {
      guard ls.count == t.rank else { throw .shape(input: 0, expected: "a rank matching '\(ls.joined())'", found: t.shape) }
      for (l, d) in zip(ls, t.shape) where size[l] == nil || size[l] == 1 { size[l] = d }
    }
    for (i, (t, ls)) in zip(xs, operandLabels).enumerated() where zip(ls, t.shape).contains(where: { $1 != 1 && $1 != size[$0] }) {
      throw .shape(input: i, expected: "dimensions agreeing with the other operands' for '\(ls.joined())'", found: t.shape)
    }
    let used = operandLabels.flatMap { $0 }
    let out = output.map { labels($0, rank: ellipsis + $0.replacingOccurrences(of: "...", with: "").count) }
      ?? (0..<ellipsis).map { "\($0)" } + Set(used.filter { l in l.first?.isLetter == true && used.filter { $0 == l }.count == 1 }).sorted()
    let all = out + Set(used).subtracting(out).sorted()
    let dims = all.map { size[$0] ?? 1 }, outCount = out.reduce(1) { $0 * (size[$1] ?? 1) }
    guard let total = Layout.count(dims), total < 1 << 32 else { throw .shape(input: 0, expected: "fewer than 2³² label combinations", found: dims) }
    let values = xs.map { ($0.floats() ?? []).map(Double.init) }
    let strides = xs.indices.map { i in zip(operandLabels[i], Layout.strides(xs[i].shape)).map { l, s in (all.firstIndex(of: l) ?? 0, xs[i].shape[operandLabels[i].firstIndex(of: l) ?? 0] == 1 ? 0 : s) } }
    var result = [Double](repeating: 0, count: outCount), index = [Int](repeating: 0, count: all.count)
    for flat in 0..<total {
      var rest = flat
      for a in all.indices.reversed() { index[a] = rest % dims[a]; rest /= dims[a] }
      let term = xs.indices.reduce(1.0) { p, i in p * values[i][strides[i].reduce(0) { $0 + index[$1.0] * $1.1 }] }
      result[flat / (total / max(outCount, 1))] += term  // output labels lead `all`
    }
    let shape = out.map { size[$0] ?? 1 }
    return [xs[0].dtype.computeClass == .float ? Tensor(result.map(Float.init), shape: shape).converted(to: xs[0].dtype)
              : Tensor.integers(result.map { Int64($0) }, dtype: xs[0].dtype, shape: shape)]
  }
}
