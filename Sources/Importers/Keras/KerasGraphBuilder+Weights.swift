import ModelGraph

extension KerasGraphBuilder {
  /// Loads `layer`'s weights as initializers `<layer>/<variable>` (once, shared by all calls)
  /// and returns their names in the layer's order, after checking count and shapes.
  mutating func variables(
    of layer: KerasLayerConfig, inputShape: [Int?]?, scope: [String], siblings: [(name: String, className: String)]
  ) throws(ImportError) -> [String] {
    let qualifiedName = qualified(scope, layer.name)
    let expected = KerasVariables.names(className: layer.className, config: layer.config)
    let found = try weights.variables(layer: layer.name, scope: scope, siblings: siblings)
    guard let found else {
      if let expected, !expected.isEmpty {
        throw .missingWeights(file: weights.file, layer: qualifiedName, expected: expected.map { "\(layer.name)/\($0)" }.joined(separator: ", "))
      }
      return []
    }
    if layer.model != nil { return [] }
    var named: [(String, Tensor)] = []
    if let expected {
      let fileNames = found.map { $0.name.map { KerasVariables.canonical($0, className: layer.className) } }
      if fileNames.allSatisfy({ $0 != nil }) {
        // Legacy files name their variables: match by name, report what is missing.
        for name in expected {
          guard let i = fileNames.firstIndex(of: name) else {
            throw .missingWeights(file: weights.file, layer: qualifiedName, expected: "\(layer.name)/\(name)")
          }
          named.append((name, found[i].tensor))
        }
        if found.count != expected.count { throw .weightCount(file: weights.file, layer: qualifiedName, expected: expected, found: found.count) }
      } else {
        guard found.count == expected.count else {
          throw .weightCount(file: weights.file, layer: qualifiedName, expected: expected, found: found.count)
        }
        named = Array(zip(expected, found.map(\.tensor)))
      }
    } else {
      named = found.enumerated().map { i, v in (v.name ?? "var\(i)", v.tensor) }
    }
    let shapes = KerasVariables.expectedShapes(className: layer.className, config: layer.config, inputShape: inputShape)
    var names: [String] = []
    for (variable, tensor) in named {
      if let shape = shapes[variable], !Self.matches(tensor.shape, shape) {
        throw .weightShape(file: weights.file, layer: qualifiedName, weight: variable,
                           expected: "[" + shape.map { $0.map(String.init) ?? "?" }.joined(separator: ", ") + "]",
                           found: tensor.shape)
      }
      let name = "\(qualifiedName)/\(variable)"
      graph.initializers[name] = tensor
      names.append(name)
    }
    return names
  }

  static func matches(_ shape: [Int], _ expected: [Int?]) -> Bool {
    shape.count == expected.count && zip(shape, expected).allSatisfy { $1 == nil || $0 == $1 }
  }
}
