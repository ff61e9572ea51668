import ModelGraph

/// Reads `.pt2` archives written by `torch.export.save` into aten-dialect models.
///
/// ```swift
/// let model = try PyTorchImporter.read(path: "resnet101.pt2")
/// model.graph.nodes[0].opType  // "conv2d.default", domain "aten"
/// ```
/// The graph mirrors the ExportedProgram: user inputs are graph inputs; lifted parameters,
/// buffers and tensor constants are initializers under their placeholder names (`p_conv_weight`)
/// viewing the archive's bytes; nodes keep their FX names and tensors their FX names; each node's
/// provenance names its module path from `nn_module_stack` (its own name at the root module).
/// `valueInfo` holds the dtype and shape torch recorded for every other tensor.
public enum PyTorchImporter {
  public static func read(path: String) throws(ImportError) -> Model {
    let archive = try PT2Archive(path: path)
    let program = try archive.json("models/model.json")
    let module = try program["graph_module"]
    let json = try module["graph"]
    let signature = try module["signature"]

    var metas: [String: PT2TensorMeta] = [:]
    for (name, meta) in try json["tensor_values"].fields() { metas[name] = try PT2TensorMeta(meta, tensor: name) }
    func info(_ name: String, at place: JSONCursor) throws(ImportError) -> ValueInfo {
      guard let meta = metas[name] else { throw place.fail("a tensor_values entry for '\(name)'") }
      return ValueInfo(name: name, type: meta.valueType)
    }

    let weights = try PT2Payloads(archive, folder: "data/weights/", configName: "model_weights_config.json")
    let constants = try PT2Payloads(archive, folder: "data/constants/", configName: "model_constants_config.json")
    var graph = Graph(name: archive.root.isEmpty ? "model" : String(archive.root.dropLast()))
    for spec in try signature["input_specs"].array() {
      let (kind, body) = try spec.union()
      switch kind {
      case "user_input":
        let (tag, arg) = try body["arg"].union()
        guard tag == "as_tensor" else {
          throw .unsupportedArgument(file: path, node: "(graph inputs)", argument: try spec.union().payload["arg"].path,
                                     reason: "a non-tensor user input (\(tag)) cannot become an ONNX input")
        }
        let name = try arg["name"].string()
        graph.inputs.append(try info(name, at: arg))
      case "parameter", "buffer", "tensor_constant":
        let name = try body["arg"]["name"].string()
        let key = kind == "parameter" ? "parameter_name" : kind == "buffer" ? "buffer_name" : "tensor_constant_name"
        let stateName = try body[key].string()
        let persistent = try body.optional("persistent")?.bool() ?? true
        graph.initializers[name] = kind == "parameter" || (kind == "buffer" && persistent)
          ? try weights.tensor(stateName) : try constants.tensor(stateName)
      default:
        throw .unsupportedArgument(file: path, node: "(graph inputs)", argument: spec.path,
                                   reason: "input kind '\(kind)' is not a tensor")
      }
    }

    for node in try json["nodes"].array() {
      graph.nodes.append(try PT2Node.decode(node, file: path))
    }

    for spec in try signature["output_specs"].array() {
      let (kind, body) = try spec.union()
      // Buffer and input mutations are state updates of training; inference needs user outputs.
      guard kind == "user_output" else { continue }
      let (tag, arg) = try body["arg"].union()
      guard tag == "as_tensor" else { continue }
      graph.outputs.append(try info(try arg["name"].string(), at: arg))
    }

    let boundary = graph.boundaryNames.union(graph.outputs.map(\.name))
    graph.valueInfo = metas.keys.sorted().filter { !boundary.contains($0) }.compactMap { name in
      metas[name].map { ValueInfo(name: name, type: $0.valueType) }
    }
    do {
      try graph.validate()
    } catch {
      throw .invalidGraph(file: path, problem: error)
    }

    var model = Model(graph: graph, irVersion: 8, opsetImports: ["aten": try program.optional("opset_version")?.optional("aten")?.int() ?? 0])
    model.producerName = "torch.export"
    model.producerVersion = try program.optional("torch_version")?.string() ?? ""
    return model
  }
}
