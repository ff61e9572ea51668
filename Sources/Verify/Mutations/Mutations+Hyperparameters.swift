import ModelGraph

/// Faults in activation bounds and slopes, pooling windows, dilations, axes, constant
/// operands and output-channel order.
extension Mutations {
  static func activationAndPoolSites(_ fault: FaultKind, _ g: Graph, convs: [Int]) -> [Int] {
    let op = { (i: Int) in g.nodes[i].opType }
    let floatInput = { (i: Int, k: Int) -> Bool in
      k < g.nodes[i].inputs.count && g.initializers[g.nodes[i].inputs[k]].map { $0.dtype == .float32 } ?? false
    }
    switch fault {
    case .clipBoundChanged:
      return g.nodes.indices.filter { op($0) == "Clip" && (floatInput($0, 2) || g.nodes[$0].attributes["max"] != nil) }
    case .activationAlphaChanged:
      return g.nodes.indices.filter { ["LeakyRelu", "Elu", "HardSigmoid", "Selu"].contains(op($0)) }
    case .preluSlopesChanged:
      return g.nodes.indices.filter { op($0) == "PRelu" && floatInput($0, 1) }
    case .poolPadsChanged, .poolStrideChanged:
      return g.nodes.indices.filter { ["MaxPool", "AveragePool"].contains(op($0)) }
    case .countIncludePadFlipped:
      return g.nodes.indices.filter { op($0) == "AveragePool" && pads(g.nodes[$0]).contains { $0 > 0 } }
    case .dilationChanged:
      return convs.filter { (g.nodes[$0].attributes["kernel_shape"]?.ints ?? []).contains { $0 > 1 } }
    case .concatAxisChanged:
      // Data concatenations only: a Concat of shape arithmetic (torch.onnx's pads) is another fault.
      let fixed = staticTensors(g)
      return g.nodes.indices.filter { op($0) == "Concat" && g.nodes[$0].inputs.count > 1 && !g.nodes[$0].inputs.allSatisfy(fixed.contains) }
    case .constantOperandChanged:
      return g.nodes.indices.filter { i in ["Mul", "Add", "Sub", "Div"].contains(op(i)) && (0..<2).contains { floatInput(i, $0) } }
    case .outputChannelsReordered:
      return convs.filter { i in g.initializers[g.nodes[i].inputs[1]].map { $0.shape.first ?? 0 > 1 } ?? false }
    default:
      return []
    }
  }

  static func applyActivationOrPoolFault(_ fault: FaultKind, to g: inout Graph, node i: Int) -> String? {
    switch fault {
    case .clipBoundChanged:
      if let hi = g.nodes[i].attributes["max"]?.float {
        g.nodes[i].attributes["max"] = .float(hi + 2)
        return "Clip max \(hi) → \(hi + 2)"
      }
      return mapWeight(&g, i, input: 2) { v, _ in v.map { $0 + 2 } }.map { _ in "Clip max raised by 2" }
    case .activationAlphaChanged:
      let alpha = g.nodes[i].attributes["alpha"]?.float ?? defaultAlpha(g.nodes[i].opType)
      g.nodes[i].attributes["alpha"] = .float(alpha * 1.5 + 0.05)
      return "\(g.nodes[i].opType) alpha \(alpha) → \(alpha * 1.5 + 0.05)"
    case .preluSlopesChanged:
      return mapWeight(&g, i, input: 1) { v, _ in v.map { $0 * 1.5 + 0.05 } }
    case .poolPadsChanged:
      let p = pads(g.nodes[i])
      let q = p.isEmpty ? [0, 0, 1, 1] : p.map { $0 + 1 }
      g.nodes[i].attributes["pads"] = .ints(q.map { Int64($0) })
      g.nodes[i].attributes["auto_pad"] = nil
      return "pads \(p) → \(q)"
    case .poolStrideChanged:
      return increment("strides", of: &g.nodes[i])
    case .countIncludePadFlipped:
      let on = g.nodes[i].attributes["count_include_pad"]?.int == 1
      g.nodes[i].attributes["count_include_pad"] = .int(on ? 0 : 1)
      return "count_include_pad \(on ? 1 : 0) → \(on ? 0 : 1)"
    case .dilationChanged:
      return increment("dilations", of: &g.nodes[i])
    case .concatAxisChanged:
      let axis = g.nodes[i].attributes["axis"]?.int ?? 1
      let changed: Int64 = axis == 1 || axis == -3 ? 2 : 1
      g.nodes[i].attributes["axis"] = .int(changed)
      return "axis \(axis) → \(changed)"
    case .constantOperandChanged:
      let slot = g.initializers[g.nodes[i].inputs[0]] != nil ? 0 : 1
      return mapWeight(&g, i, input: slot) { v, _ in v.map { $0 + max(0.05, 0.1 * abs($0)) } }
    case .outputChannelsReordered:
      return mapWeight(&g, i, input: 1) { v, shape in
        let inner = v.count / shape[0]
        return (0..<shape[0]).reversed().flatMap { v[$0 * inner..<($0 + 1) * inner] }
      }.map { _ in "output channels of the kernel reversed" }
    default:
      return nil
    }
  }

  /// Every entry of an ints attribute (default `[1, 1]`) plus one.
  private static func increment(_ key: String, of node: inout Node) -> String {
    let old = node.attributes[key]?.ints ?? [1, 1]
    let changed = old.map { $0 + 1 }
    node.attributes[key] = .ints(changed)
    return "\(key) \(old) → \(changed)"
  }

  /// Tensors computable without the graph's inputs.
  private static func staticTensors(_ g: Graph) -> Set<String> {
    var fixed = Set(g.initializers.keys)
    for n in g.nodes where n.inputs.allSatisfy({ $0.isEmpty || fixed.contains($0) }) { fixed.formUnion(n.outputs) }
    return fixed
  }

  private static func defaultAlpha(_ op: String) -> Float {
    switch op {
    case "LeakyRelu": 0.01
    case "HardSigmoid": 0.2
    case "Selu": 1.6732632
    default: 1
    }
  }
}
