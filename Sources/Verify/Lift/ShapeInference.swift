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
      guard kernel.count == spatial, strides.count == spatial, dilations.count == spatial, pads.count == 2 * spatial
      else { return }
      var dims = [x[0], node.opType == "Conv" ? (ins[1]?[0] ?? 0) : x[1]]
      for i in 0..<spatial {
        typealias C = CheckedDims
        guard let reach = C.multiply(kernel[i] - 1, dilations[i]),
              let size = auto.hasPrefix("SAME") ? C.divide(x[2 + i], strides[i], ceil: true)
                : C.add(x[2 + i], auto == "VALID" ? 0 : pads[i], auto == "VALID" ? 0 : pads[i + spatial], -reach, -1)
                  .flatMap({ C.divide($0, strides[i], ceil: ceil) }).flatMap({ C.add($0, 1) })
        else { return }
        dims.append(size)
      }
      shapes[out] = dims
    case "GlobalAveragePool", "GlobalMaxPool":
      if let x { shapes[out] = Array(x.prefix(2)) + Array(repeating: 1, count: max(x.count - 2, 0)) }
    case "Transpose":
      if let x {
        let perm = ints("perm") ?? Array((0..<x.count).reversed())
        if perm.allSatisfy({ x.indices.contains($0) }) { shapes[out] = perm.map { x[$0] } }
      }
    case "Reshape":
      guard let x, node.inputs.count > 1, let target = integers[node.inputs[1]] else { return }
      var dims = target.enumerated().map { i, d in d == 0 && i < x.count ? x[i] : Int(d) }
      guard dims.allSatisfy({ $0 >= -1 }), dims.filter({ $0 == -1 }).count <= 1,
            let known = CheckedDims.product(dims.filter { $0 >= 0 }), let total = CheckedDims.product(x) else { return }
      if let hole = dims.firstIndex(of: -1) {
        guard known > 0 else { return }
        dims[hole] = total / known
      }
      shapes[out] = dims
    case "Flatten":
      guard let x else { return }
      guard let axis = CheckedDims.axis(int("axis") ?? 1, rank: x.count, inclusive: true),
            let rows = CheckedDims.product(x.prefix(axis)), let columns = CheckedDims.product(x.dropFirst(axis)) else { return }
      shapes[out] = [rows, columns]
    case "Squeeze":
      guard let x else { return }
      let axes = (node.inputs.count > 1 ? integers[node.inputs[1]]?.map { Int($0) } : nil) ?? ints("axes")
      let normalized = (axes ?? x.indices.filter { x[$0] == 1 }).map { CheckedDims.axis($0, rank: x.count) }
      guard normalized.allSatisfy({ $0 != nil }) else { return }
      let drop = Set(normalized.compactMap { $0 })
      shapes[out] = x.indices.filter { !drop.contains($0) }.map { x[$0] }
    case "Unsqueeze":
      guard let x else { return }
      let axes = (node.inputs.count > 1 ? integers[node.inputs[1]]?.map { Int($0) } : nil) ?? ints("axes") ?? []
      var dims = x
      let rank = x.count + axes.count
      let normalized = axes.map { CheckedDims.axis($0, rank: rank) }
      guard normalized.allSatisfy({ $0 != nil }) else { return }
      for a in normalized.compactMap({ $0 }).sorted() where a <= dims.count { dims.insert(1, at: a) }
      shapes[out] = dims
    case "Concat":
      let parts = ins.compactMap { $0 }
      guard parts.count == node.inputs.count, let first = parts.first else { return }
      guard let axis = CheckedDims.axis(int("axis") ?? 0, rank: first.count),
            let size = parts.reduce(Optional(0), { sum, p in sum.flatMap { CheckedDims.add($0, p.count > axis ? p[axis] : 0) } })
      else { return }
      var dims = first
      dims[axis] = size
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
      let dims = x.indices.map { CheckedDims.add(x[$0], pads[$0], pads[$0 + x.count]) }
      guard dims.allSatisfy({ ($0 ?? -1) >= 0 }) else { return }
      shapes[out] = dims.compactMap { $0 }
    case "ReduceMean", "ReduceMax", "ReduceSum":
      guard let x else { return }
      let axes = (node.inputs.count > 1 ? integers[node.inputs[1]]?.map { Int($0) } : nil) ?? ints("axes")
      let normalized = (axes ?? Array(x.indices)).map { CheckedDims.axis($0, rank: x.count) }
      guard normalized.allSatisfy({ $0 != nil }) else { return }
      let reduce = Set(normalized.compactMap { $0 })
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
