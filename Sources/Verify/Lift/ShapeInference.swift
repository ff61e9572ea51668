import ModelGraph

/// Concrete shapes of an ONNX graph's tensors, propagated from its inputs (symbolic batch
/// sizes read as 1) for the ops image models use. Tensors whose shape cannot be derived are
/// absent; checks then skip them rather than guess.
struct ShapeInference {
  private(set) var shapes: [String: [Int]] = [:]
  /// Values of small integer constants (shape arithmetic: Reshape targets, pads, axes).
  private(set) var integers: [String: [Int64]] = [:]

  init(_ graph: Graph) {
    for input in graph.inputs {
      if let dims = input.type.shape { shapes[input.name] = dims.map { $0.value ?? 1 } }
    }
    for (name, t) in graph.initializers {
      shapes[name] = t.shape
      if t.elementCount <= 16, !t.dtype.isFloatingPoint, let v = t.int64s() { integers[name] = v }
    }
    for node in graph.nodes { infer(node) }
  }

  private mutating func infer(_ node: Node) {
    let ins = node.inputs.map { $0.isEmpty ? nil : shapes[$0] }
    let x = ins.first ?? nil
    guard let out = node.outputs.first, !out.isEmpty else { return }
    func ints(_ key: String) -> [Int]? { node.attributes[key]?.ints?.map { Int($0) } }
    func int(_ key: String) -> Int? { node.attributes[key]?.int.map { Int($0) } }
    switch node.opType {
    case "Constant":
      if let t = node.attributes["value"]?.tensor {
        shapes[out] = t.shape
        if t.elementCount <= 16, !t.dtype.isFloatingPoint, let v = t.int64s() { integers[out] = v }
      } else if let v = node.attributes["value_ints"]?.ints {
        shapes[out] = [v.count]; integers[out] = v
      } else if let v = node.attributes["value_int"]?.int {
        shapes[out] = []; integers[out] = [v]
      }
    case "Conv", "MaxPool", "AveragePool":
      guard let x, x.count >= 3 else { return }
      let spatial = x.count - 2
      let kernel: [Int]
      if node.opType == "Conv" {
        guard let w = ins.count > 1 ? ins[1] : nil else { return }
        kernel = Array(w.dropFirst(2))
      } else {
        guard let k = ints("kernel_shape") else { return }
        kernel = k
      }
      let strides = ints("strides") ?? Array(repeating: 1, count: spatial)
      let dilations = ints("dilations") ?? Array(repeating: 1, count: spatial)
      let pads = ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
      let auto = node.attributes["auto_pad"]?.string ?? "NOTSET"
      let ceil = int("ceil_mode") == 1
      var dims = [x[0], node.opType == "Conv" ? (ins[1]?[0] ?? 0) : x[1]]
      for i in 0..<spatial where i < kernel.count && i < strides.count && i < dilations.count {
        let effective = (kernel[i] - 1) * dilations[i] + 1
        if auto.hasPrefix("SAME") {
          dims.append((x[2 + i] + strides[i] - 1) / strides[i])
        } else {
          let total = x[2 + i] + (auto == "VALID" ? 0 : pads[i] + pads[i + spatial]) - effective
          dims.append((ceil ? (total + strides[i] - 1) / strides[i] : total / strides[i]) + 1)
        }
      }
      shapes[out] = dims
    case "GlobalAveragePool", "GlobalMaxPool":
      if let x { shapes[out] = Array(x.prefix(2)) + Array(repeating: 1, count: max(x.count - 2, 0)) }
    case "Transpose":
      if let x {
        let perm = ints("perm") ?? Array((0..<x.count).reversed())
        if perm.allSatisfy({ $0 < x.count }) { shapes[out] = perm.map { x[$0] } }
      }
    case "Reshape":
      guard let x, node.inputs.count > 1, let target = integers[node.inputs[1]] else { return }
      var dims = target.enumerated().map { i, d in d == 0 && i < x.count ? x[i] : Int(d) }
      let known = dims.filter { $0 >= 0 }.reduce(1, *)
      if let hole = dims.firstIndex(of: -1), known > 0 { dims[hole] = x.reduce(1, *) / known }
      shapes[out] = dims
    case "Flatten":
      guard let x else { return }
      var axis = int("axis") ?? 1
      if axis < 0 { axis += x.count }
      shapes[out] = [x.prefix(axis).reduce(1, *), x.dropFirst(axis).reduce(1, *)]
    case "Squeeze":
      guard let x else { return }
      let axes = (node.inputs.count > 1 ? integers[node.inputs[1]]?.map { Int($0) } : nil) ?? ints("axes")
      let drop = Set((axes ?? x.indices.filter { x[$0] == 1 }).map { $0 < 0 ? $0 + x.count : $0 })
      shapes[out] = x.indices.filter { !drop.contains($0) }.map { x[$0] }
    case "Unsqueeze":
      guard let x else { return }
      let axes = (node.inputs.count > 1 ? integers[node.inputs[1]]?.map { Int($0) } : nil) ?? ints("axes") ?? []
      var dims = x
      let rank = x.count + axes.count
      for a in axes.map({ $0 < 0 ? $0 + rank : $0 }).sorted() where a <= dims.count { dims.insert(1, at: a) }
      shapes[out] = dims
    case "Concat":
      let parts = ins.compactMap { $0 }
      guard parts.count == node.inputs.count, let first = parts.first else { return }
      var axis = int("axis") ?? 0
      if axis < 0 { axis += first.count }
      guard axis < first.count else { return }
      var dims = first
      dims[axis] = parts.map { $0.count > axis ? $0[axis] : 0 }.reduce(0, +)
      shapes[out] = dims
    case "MatMul":
      guard let x, let w = ins.count > 1 ? ins[1] : nil, x.count >= 1, w.count >= 2 else { return }
      shapes[out] = Array(x.dropLast()) + [w[w.count - 1]]
    case "Gemm":
      guard let x, let w = ins.count > 1 ? ins[1] : nil, x.count == 2, w.count == 2 else { return }
      shapes[out] = [int("transA") == 1 ? x[1] : x[0], int("transB") == 1 ? w[0] : w[1]]
    case "Pad":
      guard let x else { return }
      let pads = (node.inputs.count > 1 ? integers[node.inputs[1]].map { $0.map { Int($0) } } : nil) ?? ints("pads")
      guard let pads, pads.count == 2 * x.count else { return }
      shapes[out] = x.indices.map { x[$0] + pads[$0] + pads[$0 + x.count] }
    case "ReduceMean", "ReduceMax", "ReduceSum":
      guard let x else { return }
      let axes = (node.inputs.count > 1 ? integers[node.inputs[1]]?.map { Int($0) } : nil) ?? ints("axes")
      let reduce = Set((axes ?? Array(x.indices)).map { $0 < 0 ? $0 + x.count : $0 })
      let keep = (int("keepdims") ?? 1) == 1
      shapes[out] = x.indices.compactMap { reduce.contains($0) ? (keep ? 1 : nil) : x[$0] }
    case "Shape":
      if let x { shapes[out] = [x.count]; integers[out] = x.map { Int64($0) } }
    case "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Where", "Equal", "Greater", "Less":
      let parts = ins.compactMap { $0 }
      guard parts.count == node.inputs.count else { return }
      shapes[out] = broadcast(parts)
    default:
      // Elementwise and shape-preserving ops: activations, BatchNormalization, Softmax, Cast, …
      if let x { shapes[out] = x }
    }
  }

  private func broadcast(_ parts: [[Int]]) -> [Int] {
    let rank = parts.map(\.count).max() ?? 0
    return (0..<rank).map { i in
      parts.map { p in i - (rank - p.count) >= 0 ? p[i - (rank - p.count)] : 1 }.max() ?? 1
    }
  }
}
