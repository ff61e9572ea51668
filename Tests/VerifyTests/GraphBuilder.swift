import ModelGraph

/// Tiny ONNX graphs for the checks: an NCHW input, then nodes appended one after another.
struct GraphBuilder {
  var graph: Graph
  var last: String
  var counter = 0

  init(input shape: [Int], name: String = "x") {
    graph = Graph(name: "g")
    graph.inputs = [.tensor(name, .float32, shape.map { .fixed($0) })]
    last = name
  }

  /// Seeded values, so weights are reproducible without being made up per test.
  static func values(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    return (0..<count).map { _ in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Float(Int64(bitPattern: state >> 11) % 2000 - 1000) / 1000
    }
  }

  @discardableResult
  mutating func add(_ op: String, _ name: String, weights: [(String, Tensor)] = [], attributes: [String: Attribute] = [:]) -> String {
    let out = name + "_out"
    for (n, t) in weights { graph.initializers[n] = t }
    graph.nodes.append(Node(name: name, opType: op, inputs: [last] + weights.map(\.0), outputs: [out], attributes: attributes))
    last = out
    return out
  }

  mutating func conv(_ name: String, w: Tensor, b: Tensor? = nil, strides: [Int64] = [1, 1], pads: [Int64]? = [0, 0, 0, 0], auto: String? = nil) {
    var attrs: [String: Attribute] = ["strides": .ints(strides), "kernel_shape": .ints(w.shape.dropFirst(2).map { Int64($0) })]
    if let pads { attrs["pads"] = .ints(pads) }
    if let auto { attrs["auto_pad"] = .string(auto) }
    add("Conv", name, weights: [(name + ".w", w)] + (b.map { [(name + ".b", $0)] } ?? []), attributes: attrs)
  }

  func finish() -> Model {
    var g = graph
    g.outputs = [ValueInfo(name: last, type: .tensor(.float32, shape: nil))]
    return Model(graph: g)
  }
}
