import ModelGraph

/// The distinct elements of `X` (flattened), or distinct slices along `axis`; outputs `Y`,
/// the first-occurrence `indices`, `inverse_indices` (for every input slice, its row in `Y`)
/// and `counts`. `sorted = 1` (default) orders `Y` ascending, else by first occurrence.
struct Unique: Kernel {
  static let key = OpKey("Unique", since: 11)
  static let arity: ClosedRange<Int> = 1...1
  let axis: Int?, sorted: Bool

  init(node: Node, opset: Int) throws(RuntimeError) {
    axis = try node.int("axis")
    sorted = try node.int("sorted", default: 1) != 0
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let (x, a) = try inputs.required(0).alongOptionalAxis(axis)
    guard let values = x.cast(to: .float32)?.floats() else { throw .dtype(input: 0, expected: "a numeric tensor", found: x.dtype) }
    let inner = x.shape[(a + 1)...].reduce(1, *), d = x.shape[a], outer = x.elementCount / max(d * inner, 1)
    let slices: [[Float]] = (0..<d).map { s in
      (0..<outer).flatMap { o -> ArraySlice<Float> in
        let start = (o * d + s) * inner
        return values[start..<(start + inner)]
      }
    }
    var first: [Int] = []
    var inverse = [Int](repeating: 0, count: d)
    for s in 0..<d {
      if let row = first.firstIndex(where: { slices[$0] == slices[s] }) { inverse[s] = row } else { inverse[s] = first.count; first.append(s) }
    }
    var order = Array(first.indices)
    if sorted { order.sort { slices[first[$0]].lexicographicallyPrecedes(slices[first[$1]]) } }
    let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    let counts = order.map { row in inverse.filter { $0 == row }.count }
    let picks = order.map { Int64(first[$0]) }
    let y = try Gather(axis: a).run([x, Tensor(int64: picks, shape: [picks.count])], context: context)[0]
    return [y, Tensor(int64: picks, shape: [picks.count]),
            Tensor(int64: inverse.map { Int64(rank[$0] ?? 0) }, shape: [d]),
            Tensor(int64: counts.map(Int64.init), shape: [counts.count])]
  }
}
