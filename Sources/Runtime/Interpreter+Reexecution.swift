import ModelGraph

/// Re-execution: one node, or the part of the graph between given tensors, on supplied inputs
/// (for example another framework's activations).
extension Interpreter {
  /// Runs the node `name` on `inputs` (by the node's input tensor names; initializers default
  /// to the graph's) and returns its outputs by name.
  public func runNode(named name: String, inputs: [String: Tensor]) throws(RuntimeError) -> [String: Tensor] {
    guard let i = graph.nodes.firstIndex(where: { $0.name == name }) else { throw .unknownNode(name) }
    let node = graph.nodes[i]
    return try runSubgraph(from: node.inputs.filter { !$0.isEmpty && constants[slotOf[$0] ?? -1] == nil },
                           to: node.outputs.filter { !$0.isEmpty }, feeds: inputs, nodes: [i])
  }

  /// Runs the nodes needed to compute `to` from the tensors `from` (given in `feeds`) and the
  /// initializers; returns the `to` tensors. A needed tensor that is neither fed nor computable
  /// from the fed ones is an error naming it.
  public func runSubgraph(from: [String], to: [String], feeds: [String: Tensor]) throws(RuntimeError) -> [String: Tensor] {
    let producers = graph.producers
    let fed = Set(from)
    var needed = Set<Int>(), stack = to
    while let name = stack.popLast() {
      guard slotOf[name] != nil else { throw .unknownTensor(name) }
      if fed.contains(name) || constants[slotOf[name] ?? -1] != nil { continue }
      guard let p = producers[name] else { throw .missingInput(name: name, expected: .unspecified) }
      if needed.insert(p).inserted { stack += graph.nodes[p].inputs.filter { !$0.isEmpty } }
    }
    return try runSubgraph(from: from, to: to, feeds: feeds, nodes: needed.sorted())
  }

  private func runSubgraph(from: [String], to: [String], feeds: [String: Tensor], nodes: [Int]) throws(RuntimeError) -> [String: Tensor] {
    var values = [Tensor?](repeating: nil, count: names.count)
    for (slot, t) in constants { values[slot] = t }
    for name in from {
      guard let slot = slotOf[name] else { throw .unknownTensor(name) }
      guard let t = feeds[name] else { throw .missingInput(name: name, expected: .unspecified) }
      values[slot] = t
    }
    let keep = Set(to.compactMap { slotOf[$0] })
    try execute(nodes, values: &values, keep: keep, emit: { _, _ in })
    var outputs: [String: Tensor] = [:]
    for name in to {
      guard let slot = slotOf[name], let t = values[slot] else { throw .unknownTensor(name) }
      outputs[name] = t
    }
    return outputs
  }
}
