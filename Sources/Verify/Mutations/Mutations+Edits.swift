import ModelGraph

/// The graph edits faults are made of.
extension Mutations {
  /// Conv kernel bytes left in Keras HWIO order under the declared OIHW shape.
  static func kernelNotPermuted(_ g: inout Graph, _ i: Int) -> String? {
    mapWeight(&g, i, input: 1) { v, shape in transpose(v, shape: shape, perm: [2, 3, 1, 0]) }.map { _ in "kernel values in HWIO order" }
  }

  static func setPads(_ g: inout Graph, _ i: Int, _ change: ([Int]) -> [Int]) -> String? {
    let p = pads(g.nodes[i])
    guard p.count == 4 else { return nil }
    let q = change(p)
    guard q != p else { return nil }
    g.nodes[i].attributes["pads"] = .ints(q.map { Int64($0) })
    g.nodes[i].attributes["auto_pad"] = nil
    return "pads \(p) → \(q)"
  }

  /// Replaces the node's weight input `input` by `change(values, shape)` under a new name.
  static func mapWeight(_ g: inout Graph, _ i: Int, input: Int, _ change: ([Float], [Int]) -> [Float]) -> String? {
    guard input < g.nodes[i].inputs.count else { return nil }
    let name = g.nodes[i].inputs[input]
    guard let t = g.initializers[name], t.dtype == .float32, let v = t.floats() else { return nil }
    let changed = change(v, t.shape)
    guard changed.count == v.count, changed != v else { return nil }
    let newName = name + "__mutated"
    g.initializers[newName] = Tensor(changed, shape: t.shape)
    g.nodes[i].inputs[input] = newName
    if let k = g.inputs.firstIndex(where: { $0.name == name }) {
      g.inputs.append(ValueInfo.tensor(newName, .float32, t.shape.map { .fixed($0) }))
      _ = k
    }
    return "weight \(name) changed"
  }

  /// Removes node `i`, feeding its consumers with its first input.
  static func bypass(_ g: inout Graph, _ i: Int) -> String? {
    let node = g.nodes[i]
    guard let input = node.inputs.first, let output = node.outputs.first else { return nil }
    if g.outputs.contains(where: { $0.name == output }) { return nil }
    g.nodes.remove(at: i)
    for k in g.nodes.indices {
      g.nodes[k].inputs = g.nodes[k].inputs.map { $0 == output ? input : $0 }
    }
    return "\(node.opType) \(node.name) removed"
  }

  /// A Transpose swapping height and width inserted on a conv's data input.
  static func insertTranspose(_ g: inout Graph, before i: Int) -> String? {
    let x = g.nodes[i].inputs[0]
    let t = x + "__transposed"
    let node = Node(name: g.nodes[i].name + "__extra_transpose", opType: "Transpose", inputs: [x], outputs: [t],
                    attributes: ["perm": .ints([0, 1, 3, 2])])
    g.nodes[i].inputs[0] = t
    g.nodes.insert(node, at: i)
    return "Transpose [0, 1, 3, 2] inserted before \(g.nodes[i + 1].name)"
  }

  /// The classifier widened by one leading (background) class.
  static func addBackgroundClass(_ g: inout Graph, _ i: Int) -> String? {
    let node = g.nodes[i]
    guard node.inputs.count > 1, let w = g.initializers[node.inputs[1]], w.rank == 2, let v = w.floats() else { return nil }
    let transB = node.opType == "Gemm" && node.attributes["transB"]?.int == 1
    let (rows, cols) = (w.shape[0], w.shape[1])
    var out: [Float]
    var shape: [Int]
    if transB {  // [out, in]: a new first row
      out = [Float](repeating: 0.01, count: cols) + v
      shape = [rows + 1, cols]
    } else {  // [in, out]: a new first column
      out = []
      for r in 0..<rows { out.append(0.01); out.append(contentsOf: v[r * cols..<(r + 1) * cols]) }
      shape = [rows, cols + 1]
    }
    let name = node.inputs[1] + "__1001"
    g.initializers[name] = Tensor(out, shape: shape)
    g.nodes[i].inputs[1] = name
    if node.inputs.count > 2, let b = g.initializers[node.inputs[2]], let bv = b.floats() {
      g.initializers[node.inputs[2] + "__1001"] = Tensor([0] + bv, shape: [bv.count + 1])
      g.nodes[i].inputs[2] = node.inputs[2] + "__1001"
    }
    // A separate bias Add (MatMul + Add) gets the extra class too.
    if let out0 = node.outputs.first, let k = g.nodes.firstIndex(where: { $0.opType == "Add" && $0.inputs.contains(out0) }) {
      for (slot, name) in g.nodes[k].inputs.enumerated() where name != out0 {
        if let b = g.initializers[name], let bv = b.floats(), b.elementCount > 1 {
          g.initializers[name + "__1001"] = Tensor([0] + bv, shape: Array(b.shape.dropLast()) + [bv.count + 1])
          g.nodes[k].inputs[slot] = name + "__1001"
        }
      }
    }
    for k in g.outputs.indices {
      if case .tensor(let dt, let dims?) = g.outputs[k].type, let last = dims.last?.value {
        g.outputs[k].type = .tensor(dt, shape: Array(dims.dropLast()) + [.fixed(last + 1)])
      }
    }
    return "classifier widened to \(transB ? rows + 1 : cols + 1) classes"
  }
}
