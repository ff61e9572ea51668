import ModelGraph

/// Source dialect → ONNX. The one entry point; the dialect is read from the nodes' domain.
///
/// ```swift
/// let graph = try Importers.importModel(at: url)            // keras dialect
/// let model = try Lowering.lower(graph, file: url.path)   // ai.onnx, opset 17
/// ```
public enum Lowering {
  public static let supportedOpsets = [17]

  public static func lower(_ graph: Graph, file: String = "", options: LoweringOptions = LoweringOptions()) throws(LoweringError) -> Model {
    guard supportedOpsets.contains(options.opset) else {
      throw .unsupportedOpset(requested: options.opset, supported: supportedOpsets)
    }
    let domain = graph.nodes.first { !$0.domain.isEmpty }?.domain ?? "keras"
    switch domain {
    case "keras": return try KerasLowering.lower(graph, options: options)
    case "aten":
      // torch.export graphs are NCHW already; `keepNHWC` concerns Keras sources only.
      var model = try PyTorchLowering.lower(Model(graph: graph), file: file)
      if options.foldBatchNorm { model.graph = BatchNormFolding.fold(model.graph) }
      return model
    case "relax": return try RelaxLowering.lower(graph, file: file)
    default: throw .unknownDialect(domain: domain, supported: ["aten", "keras", "relax"])
    }
  }
}
