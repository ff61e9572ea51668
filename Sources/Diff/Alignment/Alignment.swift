import ModelGraph

/// One reference tensor lined up with the candidate tensor carrying the same layer's output.
public struct AlignedTensor: Sendable, Hashable, Codable {
  public var layer: String
  public var op: String
  public var referenceKey: String
  public var candidateTensor: String
  public var transform: LayoutTransform
  /// How the pair was found: `"map"` (verify's node map), `"name"` or `"name-path"`.
  public var method: String
  /// Layers (aligned) whose outputs flow into this one in the candidate graph: its nearest
  /// aligned ancestors.
  public var inputs: [String]
  /// When the candidate tensor implements several source layers (Conv + BatchNormalization
  /// fused by the converter): all of them in source order, this layer (the last) included.
  public var group: [String]?

  /// The layer, or its fused group: "conv1 + bn1 (fused in the candidate)".
  public var layerDescription: String {
    guard let group, group.count > 1 else { return layer }
    return group.joined(separator: " + ") + " (fused in the candidate)"
  }
}

/// The correspondence between a reference's recorded tensors and a candidate graph's tensors.
///
/// Pairs come from an explicit map (verify's node map) when given, else from names: the
/// candidate tensor named exactly after the layer or key (our conversions), else the last tensor
/// whose name has the layer as a path segment (`…/conv1/BiasAdd:0` from tf2onnx,
/// `/features.0/conv/Conv_output_0` from torch.onnx). Unmatched tensors are listed, not dropped.
public struct Alignment: Sendable, Hashable, Codable {
  public var pairs: [AlignedTensor]
  /// Reference keys without a candidate counterpart (or whose shapes cannot be reconciled).
  public var unalignedReference: [String]

  /// Aligns `reference` with a candidate graph's tensors (`shapes`: every tensor's shape, from
  /// a probe run); edges follow the graph.
  public init(reference: [ActivationEntry], candidate graph: Graph, shapes: [String: [Int]],
              map: [String: String] = [:]) {
    let names = graph.inputs.map(\.name) + graph.nodes.flatMap(\.outputs)
    let producers = graph.producers
    self.init(reference: reference, candidate: names.filter { !$0.isEmpty }, shapes: shapes, map: map) { tensor in
      producers[tensor].map { graph.nodes[$0].inputs } ?? []
    }
  }

  /// Aligns `reference` with another recording (`candidate` tensor names in execution order).
  /// Without a graph, each layer's inputs are taken to be the previous aligned layer.
  public init(reference: [ActivationEntry], recorded candidate: [ActivationEntry], map: [String: String] = [:]) {
    let shapes = Dictionary(candidate.map { ($0.key, $0.shape) }, uniquingKeysWith: { a, _ in a })
    let previous = Dictionary(zip(candidate.dropFirst().map(\.key), candidate.map(\.key)), uniquingKeysWith: { a, _ in a })
    self.init(reference: reference, candidate: candidate.map(\.key), shapes: shapes, map: map) { tensor in
      previous[tensor].map { [$0] } ?? []
    }
  }

  /// `candidate`: tensor names in execution order; `readsFrom`: the tensors a tensor is computed from.
  init(reference: [ActivationEntry], candidate: [String], shapes: [String: [Int]], map: [String: String],
       readsFrom: (String) -> [String]) {
    let available = Set(candidate)
    // Tensor names by path segment, for the fallback; later producers win (the layer's output).
    var bySegment: [String: String] = [:]
    for name in candidate {
      for segment in name.split(whereSeparator: { "/:".contains($0) }).dropLast() {
        bySegment[String(segment)] = name
        // Keras 3 under tf.function names a layer's ops `<layer>_1/…`; tf2onnx keeps those names.
        if let cut = segment.lastIndex(of: "_"), segment[segment.index(after: cut)...].allSatisfy(\.isNumber),
           cut != segment.startIndex {
          bySegment[String(segment[..<cut])] = name
        }
      }
    }

    var pairs: [AlignedTensor] = [], unaligned: [String] = []
    var claimed = Set<String>(), ambiguous = Set<String>()
    var lastMappedTo: [String: String] = [:]
    var layersOn: [String: [String]] = [:]
    for entry in reference {
      for tensor in Set([map[entry.layer], map[entry.key]].compactMap({ $0 })) {
        lastMappedTo[tensor] = entry.key
        if layersOn[tensor]?.contains(entry.layer) != true { layersOn[tensor, default: []].append(entry.layer) }
      }
    }
    for entry in reference {
      // A fused group maps several layers to one tensor: it carries the last layer's output.
      let mapped = [map[entry.layer], map[entry.key]].compactMap { $0 }.filter { lastMappedTo[$0] == entry.key }
      let byName: [(String, String)?] = [
        available.contains(entry.key) ? (entry.key, "name") : nil,
        available.contains(entry.layer) ? (entry.layer, "name") : nil,
        bySegment[entry.layer].map { ($0, "name-path") },
      ]
      let options = mapped.map { ($0, "map") } + byName.compactMap { $0 }
      let choice = options.lazy.compactMap { (tensor, method) -> AlignedTensor? in
        guard !claimed.contains(tensor), let shape = shapes[tensor] else { return nil }
        let transforms = LayoutTransform.candidates(reference: entry.shape, candidate: shape)
        // A tensor named exactly after the layer (or mapped to it explicitly) whose shape cannot
        // be reconciled is the layer's output gone wrong (padding dropped, stride changed): pair
        // it, as incomparable.
        guard let transform = transforms.first ?? (method == "name" || method == "map" ? .incomparable : nil) else { return nil }
        if transforms.count > 1 { ambiguous.insert(entry.key) }
        let group = method == "map" ? layersOn[tensor].flatMap { $0.count > 1 ? $0 : nil } : nil
        return AlignedTensor(layer: entry.layer, op: entry.op, referenceKey: entry.key, candidateTensor: tensor,
                             transform: transform, method: method, inputs: [], group: group)
      }.first
      if let choice {
        pairs.append(choice)
        claimed.insert(choice.candidateTensor)
      } else {
        unaligned.append(entry.key)
      }
    }
    // Square tensors fit both layouts: follow the layout most unambiguous rank ≥ 3 tensors show.
    let rank = Dictionary(reference.map { ($0.key, $0.shape.count) }, uniquingKeysWith: { a, _ in a })
    let votes = pairs.filter {
      !ambiguous.contains($0.referenceKey) && ![.reshape, .incomparable].contains($0.transform) && (rank[$0.referenceKey] ?? 0) >= 3
    }
    let permuted = votes.filter { $0.transform == .channelsLastToFirst }.count
    if permuted * 2 > votes.count {
      for k in pairs.indices where ambiguous.contains(pairs[k].referenceKey) { pairs[k].transform = .channelsLastToFirst }
    }
    // Edges: for each aligned tensor, walk producers back to the nearest aligned tensors.
    let layerOf = Dictionary(pairs.map { ($0.candidateTensor, $0.layer) }, uniquingKeysWith: { a, _ in a })
    for k in pairs.indices {
      var found: [String] = [], seen = Set<String>()
      var stack = readsFrom(pairs[k].candidateTensor)
      while let t = stack.popLast() {
        guard !t.isEmpty, seen.insert(t).inserted else { continue }
        if let layer = layerOf[t] { found.append(layer); continue }
        stack += readsFrom(t)
      }
      pairs[k].inputs = found.sorted()
    }
    self.pairs = pairs
    // Layers fused into an aligned tensor are compared through their group, not missing.
    let grouped = Set(pairs.flatMap { $0.group ?? [] })
    let layerOfKey = Dictionary(reference.map { ($0.key, $0.layer) }, uniquingKeysWith: { a, _ in a })
    unalignedReference = unaligned.filter { !grouped.contains(layerOfKey[$0] ?? $0) }
  }

  /// Source layers this alignment covers (aligned, or fused into an aligned tensor) out of all
  /// the reference's layers.
  public func coverage(of reference: [ActivationEntry]) -> Coverage {
    let all = Set(reference.filter { $0.op != "Input" }.map(\.layer))
    let covered = Set(pairs.flatMap { [$0.layer] + ($0.group ?? []) }).intersection(all)
    return Coverage(aligned: covered.count, layers: all.count)
  }

  /// Fused groups by the layer they are compared at.
  public var groups: [String: [String]] {
    Dictionary(pairs.compactMap { p in p.group.map { (p.layer, $0) } }, uniquingKeysWith: { a, _ in a })
  }
}

/// Aligned source layers out of all of them, for one pair of forms.
public struct Coverage: Sendable, Hashable, Codable {
  public var aligned: Int
  public var layers: Int

  public var description: String {
    "\(aligned) of \(layers) source layers aligned (\(String(format: "%.1f", 100 * Double(aligned) / Double(max(layers, 1)))) %)"
  }
}
