import ModelGraph

extension ONNXChecker {
  /// libonnx's checker on the model with its initializers turned into typed graph inputs (same
  /// names, dtypes and shapes): graph, nodes, attributes, opset schemas and type constraints are
  /// checked as in `check(_:)` at a tiny fraction of the time and memory, because the weight
  /// bytes are neither serialized nor parsed. Only the weights' own TensorProto encoding — which
  /// `ONNXFile` writes from the same tensors — is not looked at.
  public static func checkStructure(_ model: Model) -> CheckVerdict {
    var skeleton = model
    let weights = skeleton.graph.initializers.keys.sorted()
    let declared = Set(skeleton.graph.inputs.map(\.name))
    for name in weights where !declared.contains(name) {
      guard let t = skeleton.graph.initializers[name] else { continue }
      skeleton.graph.inputs.append(.tensor(name, t.dtype, t.shape.map { .fixed($0) }))
    }
    skeleton.graph.initializers = [:]
    return check(skeleton)
  }
}
