import ModelGraph

/// A graph lifted to steps, in topological order, with the facts checks need.
struct LiftedGraph: Sendable {
  enum Dialect: String, Sendable { case onnx, keras, aten }

  var dialect: Dialect
  var steps: [Step]
  /// Tensors fed by the caller, with their types.
  var inputs: [ValueInfo]
  var outputs: [ValueInfo]
  /// Concrete tensor shapes where known.
  var shapes: [String: [Int]] = [:]
  /// Provenance per node name (candidate side), for exact matching.
  var provenance: [String: Provenance] = [:]
  /// Steps dropped as no-ops while normalising (Identity, Dropout), with the rewrite they stand for.
  var removed: [(step: Step, rewrite: RewriteKind)] = []
  /// The source op of each layer, for the node map (`keras.Conv2D`, `Conv`).
  var layerOps: [String: String] = [:]
  /// Layers in order of first appearance.
  var layerOrder: [String] = []
  /// The graph's nodes by name with their position, its constants, and the outputs of
  /// Identity/Cast/Transpose nodes mapped to their inputs: what `Elementwise` needs to evaluate
  /// a region (constants are brought to one layout, so transposes only relabel).
  var nodes: [String: (index: Int, node: Node)] = [:]
  var constants: Constants? = nil
  var aliases: [String: String] = [:]

  /// Index of the step producing each tensor.
  var producers: [String: Int] {
    var map: [String: Int] = [:]
    for (i, s) in steps.enumerated() { for o in s.outputs { map[o] = i } }
    return map
  }

  var consumers: [String: [Int]] {
    var map: [String: [Int]] = [:]
    for (i, s) in steps.enumerated() { for t in Set(s.inputs) { map[t, default: []].append(i) } }
    return map
  }
}
