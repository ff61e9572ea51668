import ModelGraph

/// Which source layer a candidate node implements, told from the source's own naming and
/// weights — independent of the verifier, so a mutation test can hold verify to it:
/// - our conversions: the node's provenance;
/// - tf2onnx: the Keras layer named by a scope of the node's name (`model/conv1_2/Conv2D`,
///   with Keras 3's `_<k>` call suffix), or for a fused `Conv__17` the source layer whose
///   kernel it is, each output channel up to the scale BatchNormalization folded in;
/// - torch.onnx: weights the same way, else the k-th node of its op type in our (provenance-
///   carrying) lowering when both graphs have the same number of that op.
/// `lowered` is deltann's unfolded conversion of the source, whose provenance names the layers.
public struct SourceAttribution {
  private var layerOf: [String: [String]] = [:]

  public init(lowered: Graph, candidate candidateGraph: Graph, converter: String) {
    if converter == "deltann" {
      for n in candidateGraph.nodes { if let l = n.provenance?.sourceLayer { layerOf[n.name] = [l] } }
      return
    }
    var layers = Set<String>()
    for n in lowered.nodes { if let l = n.provenance?.sourceLayer { layers.insert(l) } }
    let kernels = Self.kernels(lowered)
    let ordinalsOurs = Self.ordinals(lowered)
    let ordinalsPeer = Self.ordinals(candidateGraph)
    for n in candidateGraph.nodes {
      var found: [String] = []
      if converter == "tf2onnx", let l = Self.scopeLayer(n.name, layers: layers) { found.append(l) }
      if let w = n.inputs.dropFirst().first.flatMap({ candidateGraph.initializers[$0] }), let l = Self.owner(of: w, node: n, in: kernels) {
        found += l
      }
      if found.isEmpty, converter == "torch.onnx", let k = ordinalsPeer.index[n.name], let ours = ordinalsOurs.byOp[n.opType],
        ordinalsPeer.byOp[n.opType]?.count == ours.count, let l = ours[k].provenance?.sourceLayer
      {
        found.append(l)
      }
      if !found.isEmpty { layerOf[n.name] = found }
    }
  }

  /// The layers a fault at `node` concerns: the node's and those of the nodes it shows at
  /// (`visibleAt`); `nil` when the node has no attribution.
  public func layers(node: String, visibleAt: [String]) -> Set<String>? {
    guard let own = layerOf[node] else { return nil }
    var out = Set(own)
    for n in visibleAt { out.formUnion(layerOf[n] ?? []) }
    return out
  }

  /// A Keras layer name in the node's scopes. Keras 3 models traced by tf2onnx name every
  /// scope `<layer>_<call>` (`activation_1_2` is layer `activation_1`), so the suffix is
  /// stripped first.
  public static func scopeLayer(_ name: String, layers: Set<String>) -> String? {
    for part in name.split(separator: "/").dropLast().reversed().map(String.init) {
      if let u = part.lastIndex(of: "_"), part[part.index(after: u)...].allSatisfy(\.isNumber), layers.contains(String(part[..<u])) {
        return String(part[..<u])
      }
      if layers.contains(part) { return part }
    }
    return nil
  }

  /// Our lowering's conv kernels (OIHW) and dense weights (as `[out, in]`) with their layers.
  private static func kernels(_ g: Graph) -> [[Int]: [(layers: [String], rows: [[Float]])]] {
    var out: [[Int]: [(layers: [String], rows: [[Float]])]] = [:]
    for n in g.nodes where ["Conv", "Gemm", "MatMul"].contains(n.opType) {
      guard n.inputs.count > 1, let w = g.initializers[n.inputs[1]], let l = n.provenance?.sourceLayer else { continue }
      let (shape, rows) = canonical(w, transB: n.attributes["transB"]?.int == 1 || n.opType == "Conv")
      // The layer a folded normalisation after this one belongs to is concerned too.
      let next = g.nodes.first { m in m.opType == "BatchNormalization" && n.outputs.contains(m.inputs.first ?? "") }
      out[shape, default: []].append(([l] + (next?.provenance?.sourceLayer).map { [$0] }.orEmpty, rows))
    }
    return out
  }

  /// A weight as rows of output channels: `[out, …]` for conv and transposed Gemm, `[in, out]` otherwise.
  private static func canonical(_ w: Tensor, transB: Bool) -> ([Int], [[Float]]) {
    let v = w.floats() ?? []
    guard w.rank >= 2 else { return (w.shape, [v]) }
    if transB {
      let inner = v.count / max(w.shape[0], 1)
      return (w.shape, (0..<w.shape[0]).map { Array(v[$0 * inner..<($0 + 1) * inner]) })
    }
    let (r, c) = (w.shape[0], w.shape[1])
    return ([c, r], (0..<c).map { o in (0..<r).map { v[$0 * c + o] } })
  }

  /// The layer whose weight `w` is, each row equal up to a positive-or-negative scale.
  private static func owner(of w: Tensor, node: Node, in kernels: [[Int]: [(layers: [String], rows: [[Float]])]]) -> [String]? {
    guard ["Conv", "Gemm", "MatMul"].contains(node.opType) else { return nil }
    let (shape, rows) = canonical(w, transB: node.attributes["transB"]?.int == 1 || node.opType == "Conv")
    return kernels[shape]?.first { candidate in zip(candidate.rows, rows).allSatisfy { proportional($0, $1) } }?.layers
  }

  private static func proportional(_ a: [Float], _ b: [Float]) -> Bool {
    var ab: Double = 0, aa: Double = 0, bb: Double = 0
    for (x, y) in zip(a, b) { ab += Double(x) * Double(y); aa += Double(x) * Double(x); bb += Double(y) * Double(y) }
    if aa == 0 || bb == 0 { return aa == bb }
    return abs(ab) / (aa * bb).squareRoot() >= 0.99999
  }

  /// Nodes of each op type in graph order, and each node's index among them.
  private static func ordinals(_ g: Graph) -> (byOp: [String: [Node]], index: [String: Int]) {
    var byOp: [String: [Node]] = [:], index: [String: Int] = [:]
    for n in g.nodes {
      index[n.name] = byOp[n.opType, default: []].count
      byOp[n.opType, default: []].append(n)
    }
    return (byOp, index)
  }
}

extension Optional where Wrapped == [String] {
  fileprivate var orEmpty: [String] { self ?? [] }
}
