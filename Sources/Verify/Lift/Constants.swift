import ModelGraph

/// Resolves tensors whose value is fixed before the graph runs: initializers, `Constant`
/// outputs, and weights reached through `DequantizeLinear` or a float16 `Cast` (recorded as
/// lost precision), `Identity`, `Reshape` or `Transpose` of a constant.
struct Constants {
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
}
