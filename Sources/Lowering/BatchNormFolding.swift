import ModelGraph

/// Folds inference `BatchNormalization` into the `Conv` that feeds it (when nothing else
/// reads the conv's output): `W' = W · s`, `b' = (b − mean) · s + beta`, with
/// `s = gamma / √(var + ε)` per output channel. The conv then produces the normalisation's
/// output tensor, so names after the BatchNormalization layer still align.
enum BatchNormFolding {
  static func fold(_ input: Graph) -> Graph {
    var graph = input
    let outputs = Set(graph.outputs.map(\.name))
    var removed: Set<Int> = []
    let producers = graph.producers
    let consumers = graph.consumers
    for (i, bn) in graph.nodes.enumerated() where bn.opType == "BatchNormalization" && bn.inputs.count == 5 {
      guard let c = producers[bn.inputs[0]], graph.nodes[c].opType == "Conv", !outputs.contains(bn.inputs[0]),
        consumers[bn.inputs[0]]?.count == 1, graph.nodes[c].inputs.count >= 2,
        let w = graph.initializers[graph.nodes[c].inputs[1]], w.dtype == .float32,
        let gamma = graph.initializers[bn.inputs[1]]?.floats(), let beta = graph.initializers[bn.inputs[2]]?.floats(),
        let mean = graph.initializers[bn.inputs[3]]?.floats(), let variance = graph.initializers[bn.inputs[4]]?.floats(),
        let weights = w.floats(), w.shape.first == gamma.count
      else { continue }
      let epsilon = bn.attributes["epsilon"]?.float ?? 1e-5
      let conv = graph.nodes[c]
      let bias = conv.inputs.count > 2 ? graph.initializers[conv.inputs[2]]?.floats() : nil
      let scale = zip(gamma, variance).map { $0 / ($1 + epsilon).squareRoot() }
      let perChannel = weights.count / gamma.count
      let folded = weights.enumerated().map { $1 * scale[$0 / perChannel] }
      var newBias = [Float](repeating: 0, count: gamma.count)
      for o in newBias.indices {
        let b: Float = bias?[o] ?? 0
        newBias[o] = (b - mean[o]) * scale[o] + beta[o]
      }
      let wName = conv.inputs[1] + "_folded", bName = (conv.inputs.count > 2 ? conv.inputs[2] : conv.name + "/B") + "_folded"
      graph.initializers[wName] = Tensor(folded, shape: w.shape)
      graph.initializers[bName] = Tensor(newBias, shape: [gamma.count])
      graph.nodes[c].inputs = [conv.inputs[0], wName, bName]
      graph.nodes[c].outputs = bn.outputs
      let folds = "folded: \(bn.provenance?.sourceLayer ?? bn.name)"
      graph.nodes[c].docString = graph.nodes[c].docString.isEmpty ? folds : graph.nodes[c].docString + "\n" + folds
      removed.insert(i)
    }
    graph.nodes = graph.nodes.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    let used = Set(graph.nodes.flatMap(\.inputs))
    graph.initializers = graph.initializers.filter { used.contains($0.key) }
    return graph
  }
}
