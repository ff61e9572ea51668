import ModelGraph

/// A graph in the ONNX dialect as a Relax IRModule in TVMScript text, with the weights `main`
/// takes as parameters and the provenance of every binding.
///
/// ```swift
/// let relax = try RelaxEmitter.emit(lowered.graph, file: "model.keras")
/// print(relax.text)   // @I.ir_module class Module: … def main(input, Conv1_W, …)
/// ```
/// `main` takes the feed inputs (batch axis 1), then one parameter per weight in first-use
/// order (`R.func_attr({"num_input": n})` says where weights start). Inside one dataflow block,
/// each node's output binding is named after its ONNX tensor, which our lowering names after the
/// source layer. The import lines are comments, as in TVM's own printer: TVM's parser
/// (`tvm.script.from_source`) refuses `import` statements and supplies `I`, `R` and `T` itself.
public struct RelaxModule: Sendable {
  public var text: String
  /// Weight parameters of `main` after the inputs, in order: Relax name and value.
  public var parameters: [(name: String, tensor: Tensor)]
  public var provenance: RelaxProvenance
}

public enum RelaxEmitter {
  /// The ops the emitter supports, sorted.
  public static var supportedOps: [String] { relaxOps.map { $0.opType } }

  /// Emits `graph`; every op the emitter does not support is listed in one error first.
  public static func emit(_ graph: Graph, file: String) throws(TVMError) -> RelaxModule {
    let rules = Dictionary(uniqueKeysWithValues: relaxOps.map { ($0.opType, $0) })
    var unsupported: [String: [String]] = [:]
    for node in graph.nodes where node.domain != "" && node.domain != "ai.onnx" || rules[node.opType] == nil {
      unsupported[node.domain.isEmpty ? node.opType : "\(node.domain).\(node.opType)", default: []].append(node.name)
    }
    guard unsupported.isEmpty else {
      throw .unsupportedOps(file: file, ops: unsupported.keys.sorted().map { UnsupportedRelaxOp(op: $0, nodes: unsupported[$0] ?? []) },
                            supported: supportedOps)
    }
    var builder = RelaxBuilder(graph: graph, file: file)
    var inputs: [(name: String, type: String, source: String)] = []
    for input in graph.feedInputs {
      guard input.type.elementType == .float32 else {
        throw .unsupportedType(file: file, value: input.name, dtype: input.type.elementType?.name ?? "not a tensor")
      }
      let probe = Node(name: "input '\(input.name)'", opType: "Input", inputs: [], outputs: [])
      let shape = try builder.shape(probe, of: input.name)
      inputs.append((builder.declareInput(input.name), RelaxSpelling.tensorType(shape, "float32"), input.name))
    }
    for node in graph.nodes {
      guard let rule = rules[node.opType] else { preconditionFailure("checked above: \(node.opType) has a rule") }
      try rule.emit(node, into: &builder)
    }
    var outputs: [String] = []
    for output in graph.outputs {
      guard let name = builder.name(of: output.name) else {
        throw .undefinedValue(file: file, node: "graph output", value: output.name)
      }
      outputs.append(name)
    }
    let signature = inputs.map { "\($0.name): \($0.type)" }
      + builder.parameters.map { "\($0.name): \(RelaxSpelling.tensorType($0.tensor.shape, $0.tensor.dtype.name))" }
    let result = outputs.count == 1 ? outputs[0] : "(\(outputs.joined(separator: ", ")))"
    let body = builder.lines.map { "            \($0)" }
    var text = """
      # DeltaNN TVM form of \(graph.name.isEmpty ? "a model" : graph.name): Relax TVMScript. main takes the input(s),
      # then every weight as a parameter; their values are in params.npz under the parameter names.
      # from tvm.script import ir as I
      # from tvm.script import relax as R
      # from tvm.script import tirx as T

      @I.ir_module
      class Module:
          @R.function
          def main(\(signature.joined(separator: ", "))):
              R.func_attr({"num_input": \(inputs.count)})
              with R.dataflow():

      """
    text += body.joined(separator: "\n") + "\n"
    text += "            R.output(\(Set(outputs).sorted().joined(separator: ", ")))\n"
    text += "        return \(result)\n"
    let provenance = RelaxProvenance(
      inputs: Dictionary(uniqueKeysWithValues: inputs.map { ($0.name, $0.source) }),
      params: Dictionary(uniqueKeysWithValues: builder.parameters.map { ($0.name, $0.source) }),
      bindings: builder.bindings, aliases: builder.aliases, outputs: graph.outputs.map(\.name))
    return RelaxModule(text: text, parameters: builder.parameters.map { ($0.name, $0.tensor) }, provenance: provenance)
  }
}
