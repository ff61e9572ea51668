import ModelGraph

/// Resolves tensors whose value is fixed before the graph runs: initializers, `Constant`
/// outputs, and weights reached through `DequantizeLinear` or a float16 `Cast` (recorded as
/// lost precision), `Identity`, `Reshape` or `Transpose` of a constant.
struct Constants: Sendable {
  private var values: [String: WeightRef] = [:]
  /// Every tensor computable without inputs (weights and shape arithmetic).
  private(set) var isStatic: Set<String> = []
  /// Nodes that only compute static values.
  private(set) var staticNodes: Set<String> = []

  init(_ graph: Graph) {
    for (name, t) in graph.initializers { values[name] = WeightRef(t, name: name) }
    isStatic = Set(graph.initializers.keys)
    for node in graph.nodes {
      let inputsStatic = node.inputs.allSatisfy { $0.isEmpty || isStatic.contains($0) }
      guard node.opType == "Constant" || node.opType == "Shape" || (inputsStatic && !node.inputs.isEmpty) else { continue }
      staticNodes.insert(node.name)
      for o in node.outputs where !o.isEmpty { isStatic.insert(o) }
      guard let out = node.outputs.first else { continue }
      if let v = evaluate(node) { values[out] = v }
    }
  }

  subscript(name: String) -> WeightRef? { values[name] }

  private func evaluate(_ node: Node) -> WeightRef? {
    let first = node.inputs.first.flatMap { values[$0] }
    switch node.opType {
    case "Constant":
      return node.attributes["value"]?.tensor.map { WeightRef($0, name: node.name) }
    case "Identity":
      return first
    case "Cast":
      guard var w = first, let f = w.tensor.floats() else { return nil }
      if w.tensor.dtype == .float16 || w.tensor.dtype == .bfloat16 { w.precision = w.tensor.dtype.name }
      w.tensor = Tensor(f, shape: w.tensor.shape)
      return w
    case "DequantizeLinear":
      guard var w = first, let q = w.tensor.floats(), node.inputs.count > 1,
        let scale = values[node.inputs[1]]?.tensor.floats(), !scale.isEmpty
      else { return nil }
      let zero = node.inputs.count > 2 ? (values[node.inputs[2]]?.tensor.floats() ?? [0]) : [0]
      // Per-tensor or per-axis (axis 0 for weights).
      let perChannel = scale.count > 1 && w.tensor.shape.first == scale.count
      let inner = perChannel ? q.count / scale.count : q.count
      let deq = q.indices.map { i -> Float in
        let c = perChannel ? i / inner : 0
        return (q[i] - zero[min(c, zero.count - 1)]) * scale[c]
      }
      w.precision = "quantized \(w.tensor.dtype.name)"
      w.tensor = Tensor(deq, shape: w.tensor.shape)
      return w
    case "Reshape":
      guard var w = first, node.inputs.count > 1, let shape = values[node.inputs[1]]?.tensor.int64s() else { return nil }
      var dims = shape.map { Int($0) }
      let known = dims.filter { $0 > 0 }.reduce(1, *)
      if let hole = dims.firstIndex(of: -1), known > 0 { dims[hole] = w.tensor.elementCount / known }
      for (i, d) in dims.enumerated() where d == 0 && i < w.tensor.shape.count { dims[i] = w.tensor.shape[i] }
      guard dims.reduce(1, *) == w.tensor.elementCount else { return nil }
      w.tensor.shape = dims
      return w
    case "ConstantOfShape":
      guard let dims = first?.tensor.int64s() else { return nil }
      let fill = node.attributes["value"]?.tensor?.floats()?.first ?? 0
      return WeightRef(Tensor([Float](repeating: fill, count: dims.reduce(1) { $0 * Int($1) }), shape: dims.map { Int($0) }), name: node.name)
    case "Concat":
      let parts = node.inputs.compactMap { values[$0] }
      guard parts.count == node.inputs.count, let head = parts.first, node.attributes["axis"]?.int ?? 0 == 0 || head.tensor.rank == 1 else { return nil }
      let flat = parts.compactMap { $0.tensor.floats() }
      guard flat.count == parts.count else { return nil }
      var shape = head.tensor.shape
      if shape.isEmpty { shape = [1] }
      shape[0] = parts.map { $0.tensor.shape.first ?? 1 }.reduce(0, +)
      return WeightRef(Tensor(flat.flatMap { $0 }, shape: shape), name: node.name)
    case "Unsqueeze", "Squeeze":
      guard var w = first, let f = w.tensor.floats() else { return nil }
      w.tensor = Tensor(f, shape: node.opType == "Squeeze" ? w.tensor.shape.filter { $0 != 1 } : [1] + w.tensor.shape)
      return w
    case "Slice":
      return slice(node)
    case "IsNaN", "Where":
      // TVM's ONNX import guards a Clip bound b as where(isnan(b), ∓inf, b).
      return select(node)
    case "Transpose":
      guard let w = first, let f = w.tensor.floats() else { return nil }
      let perm = node.attributes["perm"]?.ints?.map { Int($0) } ?? Array((0..<w.tensor.rank).reversed())
      var out = WeightRef(Tensor(transpose(f, shape: w.tensor.shape, perm: perm), shape: perm.map { w.tensor.shape[$0] }), name: w.name)
      out.precision = w.precision
      return out
    default:
      return nil
    }
  }

  /// `IsNaN` (as 1 or 0) and `Where` of constants, elementwise with scalar broadcasting.
  private func select(_ node: Node) -> WeightRef? {
    let parts = node.inputs.map { values[$0]?.tensor }
    guard parts.count == (node.opType == "IsNaN" ? 1 : 3), let widest = parts.compactMap({ $0 }).max(by: { $0.elementCount < $1.elementCount })
    else { return nil }
    let flat = parts.compactMap { $0?.floats() }
    guard flat.count == parts.count, flat.allSatisfy({ $0.count == 1 || $0.count == widest.elementCount }) else { return nil }
    let out = (0..<widest.elementCount).map { i -> Float in
      let v = flat.map { $0.count == 1 ? $0[0] : $0[i] }
      return node.opType == "IsNaN" ? (v[0].isNaN ? 1 : 0) : (v[0] != 0 ? v[1] : v[2])
    }
    return WeightRef(Tensor(out, shape: widest.shape), name: node.name)
  }

  /// `Slice` of a small constant along its leading axis (how exporters reverse pad pairs).
  private func slice(_ node: Node) -> WeightRef? {
    guard let w = node.inputs.first.flatMap({ values[$0] }), let f = w.tensor.floats(), w.tensor.rank >= 1,
      node.inputs.count >= 3, let starts = values[node.inputs[1]]?.tensor.int64s(),
      let ends = values[node.inputs[2]]?.tensor.int64s(), starts.count == 1, ends.count == 1
    else { return nil }
    let axes = node.inputs.count > 3 ? values[node.inputs[3]]?.tensor.int64s() ?? [0] : [0]
    let steps = node.inputs.count > 4 ? values[node.inputs[4]]?.tensor.int64s() ?? [1] : [1]
    guard axes == [0], let step = steps.first, step != 0 else { return nil }
    let n = w.tensor.shape[0], inner = w.tensor.elementCount / max(n, 1)
    func clamp(_ v: Int64, _ lo: Int, _ hi: Int) -> Int {
      let x = v < 0 ? Int(max(v, Int64(-n - 1))) + n : Int(min(v, Int64(n)))
      return min(max(x, lo), hi)
    }
    var rows: [Int] = []
    if step > 0 {
      var i = clamp(starts[0], 0, n)
      let e = clamp(ends[0], 0, n)
      while i < e { rows.append(i); i += Int(step) }
    } else {
      var i = clamp(starts[0], -1, n - 1)
      let e = clamp(ends[0], -1, n - 1)
      while i > e { rows.append(i); i += Int(step) }
    }
    let out = rows.flatMap { f[$0 * inner..<($0 + 1) * inner] }
    return WeightRef(Tensor(out, shape: [rows.count] + Array(w.tensor.shape.dropFirst())), name: node.name)
  }
}
