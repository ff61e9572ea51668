import ModelGraph

extension Interpreter {
  /// The inputs a caller must feed: graph inputs without an initializer.
  public var feedInputs: [ValueInfo] { graph.feedInputs }

  /// Checks names, presence, dtype and fixed dimensions of `inputs` against the graph inputs.
  /// Inputs that have an initializer may be fed (they override it) or left out.
  func checkFeeds(_ inputs: [String: Tensor]) throws(RuntimeError) {
    let declared = Dictionary(graph.inputs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for name in inputs.keys.sorted() where declared[name] == nil {
      throw .unknownInput(name: name, expected: feedInputs.map(\.name))
    }
    for info in graph.inputs {
      guard let t = inputs[info.name] else {
        if graph.initializers[info.name] == nil { throw .missingInput(name: info.name, expected: info.type) }
        continue
      }
      if let dtype = info.type.elementType, dtype != t.dtype {
        throw .inputDType(name: info.name, expected: dtype, found: t.dtype)
      }
      if let dims = info.type.shape {
        let fits = dims.count == t.shape.count
          && zip(dims, t.shape).allSatisfy { d, n in d.value.map { $0 == n } ?? true }
        if !fits { throw .inputShape(name: info.name, expected: dims, found: t.shape) }
      }
    }
  }
}
