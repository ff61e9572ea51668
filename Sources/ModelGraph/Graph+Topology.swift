/// Producers, consumers and topological order.
extension Graph {
  /// The index of the node producing each tensor.
  public var producers: [String: Int] {
    var map: [String: Int] = [:]
    for (i, node) in nodes.enumerated() {
      for output in node.outputs where !output.isEmpty { map[output] = i }
    }
    return map
  }

  /// The indices of the nodes reading each tensor, in node order.
  public var consumers: [String: [Int]] {
    var map: [String: [Int]] = [:]
    for (i, node) in nodes.enumerated() {
      for input in Set(node.inputs) where !input.isEmpty { map[input, default: []].append(i) }
    }
    return map
  }

  /// Names defined before any node runs: graph inputs and initializers.
  public var boundaryNames: Set<String> {
    Set(inputs.map(\.name)).union(initializers.keys).union(sparseInitializers.keys)
  }

  /// Checks that every node reads only defined tensors, in order, and that every tensor has one
  /// producer. `outerScope` holds names visible from an enclosing graph (for subgraphs).
  public func validate(outerScope: Set<String> = []) throws(GraphError) {
    var defined = boundaryNames.union(outerScope)
    var producer: [String: String] = [:]
    for node in nodes {
      for input in node.inputs where !input.isEmpty && !defined.contains(input) {
        throw .undefinedTensor(node: node.name, tensor: input)
      }
      for output in node.outputs where !output.isEmpty {
        if let first = producer[output] {
          throw .duplicateDefinition(tensor: output, first: first, second: node.name)
        }
        producer[output] = node.name
        defined.insert(output)
      }
    }
    for output in outputs where !defined.contains(output.name) {
      throw .undefinedOutput(tensor: output.name)
    }
  }

  /// The same graph with nodes reordered so each runs after its inputs' producers (Kahn's
  /// algorithm, stable: ties keep file order). Reads of names nothing produces are left to
  /// `validate`; a cycle throws.
  public func topologicallySorted(outerScope: Set<String> = []) throws(GraphError) -> Graph {
    let producers = self.producers
    var pending = [Int](repeating: 0, count: nodes.count)
    var dependents = [[Int]](repeating: [], count: nodes.count)
    for (i, node) in nodes.enumerated() {
      for p in Set(node.inputs.compactMap({ producers[$0] })) where p != i {
        pending[i] += 1
        dependents[p].append(i)
      }
    }
    var ready = (0..<nodes.count).filter { pending[$0] == 0 }.reversed() as [Int]
    var order: [Int] = []
    order.reserveCapacity(nodes.count)
    while let i = ready.popLast() {
      order.append(i)
      var released: [Int] = []
      for d in dependents[i] {
        pending[d] -= 1
        if pending[d] == 0 { released.append(d) }
      }
      // Keep file order among released nodes: the stack pops the smallest index first.
      ready = (ready + released).sorted(by: >)
    }
    guard order.count == nodes.count else {
      let stuck = (0..<nodes.count).filter { pending[$0] > 0 }.map { nodes[$0].name }
      throw .cycle(nodes: stuck)
    }
    var sorted = self
    sorted.nodes = order.map { nodes[$0] }
    return sorted
  }
}
