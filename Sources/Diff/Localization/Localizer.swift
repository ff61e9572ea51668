import Backends
import ModelGraph
import Runtime

/// Runs a candidate ONNX form input by input in an in-process backend (the interpreter),
/// compares every aligned layer with a reference's recorded activations, and localises each
/// label-divergent input.
///
/// ```swift
/// let localizer = try Localizer(reference: keras, candidate: model, backend: InterpreterBackend(), names: ("keras", "onnx"))
/// let report = try localizer.analyse()
/// ```
/// Memory: each candidate tensor is compared as it is produced and then dropped; only
/// per-layer summaries are kept.
public struct Localizer {
  public let reference: any ActivationSource
  public let alignment: Alignment
  /// The candidate as the backend loaded it.
  let loaded: any LoadedModel
  let names: (reference: String, candidate: String)
  public var policy: Comparison = .layerDefault
  public var atol: Float = Comparison.defaultAtol
  public var rtol: Float = Comparison.defaultRtol
  /// What correct executions of each layer differ by; `nil` judges by `policy` alone.
  public var floor: NoiseFloor?
  /// Compare only the first inputs of the reference (all when nil).
  public var inputLimit: Int?
  /// For an aligned layer, the source layer just before it that the candidate lacks entirely
  /// (the candidate carries provenance and none of its nodes names that layer).
  public let absentBefore: [String: String]
  /// Joins a localised layer with what verify found on it.
  public var cause: (String) -> String? = { _ in nil }

  public init(reference: any ActivationSource, candidate model: Model, backend: any InProcessBackend,
              names: (reference: String, candidate: String), map: [String: String] = [:]) throws(DiffError) {
    do { loaded = try backend.load(model) } catch { throw .backend(error) }
    self.reference = reference
    self.names = names
    // Shapes of every candidate tensor, from one probe run on the first input.
    let shapes = try Self.probeShapes(loaded, named: names.candidate, reference: reference, map: map)
    alignment = Alignment(reference: reference.entries, candidate: loaded.model.graph, shapes: shapes, map: map)
    guard !alignment.pairs.isEmpty else {
      throw .nothingAligned(referenceKeys: reference.entries.count, candidateTensors: shapes.count)
    }
    absentBefore = Self.absentLayers(reference, alignment: alignment, graph: model.graph, map: map)
  }

  /// Only for candidates with provenance (our conversions) or an explicit map (verify's node
  /// map, which lists every layer that has a counterpart): a source layer no node claims is
  /// absent, not merely unnamed. A layer whose recorded output is the tensor just before it,
  /// value for value (dropout at inference, a flatten or reshape that keeps the order), is not:
  /// a candidate without it computes the same thing, so it cannot be where a fault starts.
  static func absentLayers(_ reference: any ActivationSource, alignment: Alignment, graph: Graph,
                           map: [String: String] = [:]) -> [String: String] {
    var claimed = Set(graph.nodes.compactMap { $0.provenance?.sourceLayer })
    if claimed.isEmpty { claimed = Set(map.keys) }
    guard !claimed.isEmpty else { return [:] }
    let aligned = Set(alignment.pairs.map(\.referenceKey))
    var result: [String: String] = [:], pending: String?
    var previous: ActivationEntry?
    for e in reference.entries where e.op != "Input" {
      defer { previous = e }
      if aligned.contains(e.key) {
        if let p = pending { result[e.layer] = p }
        pending = nil
      } else if !claimed.contains(e.layer), !repeatsValues(e, of: previous, in: reference) {
        pending = e.layer
      }
    }
    return result
  }

  /// Whether `entry`'s recorded output holds the same values, in the same order, as `previous`'s
  /// on the first input (an unreadable tensor counts as not the same).
  private static func repeatsValues(_ entry: ActivationEntry, of previous: ActivationEntry?,
                                    in reference: any ActivationSource) -> Bool {
    guard let previous, entry.shape.reduce(1, *) == previous.shape.reduce(1, *), reference.inputCount > 0,
          let mine = (try? reference.tensor(entry.key, input: 0))?.floats(),
          let theirs = (try? reference.tensor(previous.key, input: 0))?.floats()
    else { return false }
    return mine == theirs
  }

  private static func probeShapes(_ loaded: any LoadedModel, named name: String, reference: any ActivationSource,
                                   map: [String: String]) throws(DiffError) -> [String: [Int]] {
    let graph = loaded.model.graph
    var shapes: [String: [Int]] = [:]
    for input in graph.feedInputs { shapes[input.name] = input.type.shape?.concrete }
    let inputOnly = Alignment(reference: reference.entries, candidate: graph, shapes: shapes.compactMapValues { $0 }, map: map)
    let feeds = try feeds(for: 0, pairs: inputOnly.pairs, graph: graph, reference: reference)
    do {
      _ = try loaded.run(inputs: feeds, capture: .all) { name, t in shapes[name] = t.shape }
    } catch { throw .candidate(name: name, error) }
    return shapes.compactMapValues { $0 }
  }

  /// The candidate's graph inputs for input `index`, taken from the aligned reference tensors.
  static func feeds(for index: Int, pairs: [AlignedTensor], graph: Graph,
                    reference: any ActivationSource) throws(DiffError) -> [String: Tensor] {
    var feeds: [String: Tensor] = [:]
    let feedInputs = graph.feedInputs
    for input in feedInputs {
      if let pair = pairs.first(where: { $0.candidateTensor == input.name }) {
        feeds[input.name] = try pair.referenceTensor(index, from: reference)
      } else if feedInputs.count == 1, let recorded = reference.entries.first(where: { $0.op == "Input" }),
                let shape = input.type.shape?.map({ $0.value ?? 1 }),
                let transform = LayoutTransform.candidates(reference: recorded.shape, candidate: shape).first {
        // One graph input, named differently from the recorder's: feed it the recorded inputs.
        let pair = AlignedTensor(layer: recorded.layer, op: recorded.op, referenceKey: recorded.key, candidateTensor: input.name,
                                 transform: transform, method: "input", inputs: [])
        feeds[input.name] = try pair.referenceTensor(index, from: reference)
      } else {
        throw .missingFeed(input: input.name, aligned: pairs.map(\.layer))
      }
    }
    return feeds
  }

  /// Compares every input; `progress(done, total)` after each.
  public func analyse(progress: (Int, Int) -> Void = { _, _ in }) throws(DiffError) -> PairReport {
    var pair = PairAnalysis(reference: names.reference, candidate: names.candidate,
                            layers: alignment.pairs.map { ($0.layer, $0.op) }, policy: policy)
    pair.floor = floor
    let byTensor = Dictionary(alignment.pairs.map { ($0.candidateTensor, $0) }, uniquingKeysWith: { a, _ in a })
    let graph = loaded.model.graph
    guard let output = alignment.pairs.last(where: { p in graph.outputs.contains { $0.name == p.candidateTensor } })
            ?? alignment.pairs.last else { preconditionFailure("alignment checked non-empty") }
    let count = min(reference.inputCount, inputLimit ?? .max)
    for index in 0..<count {
      let feeds = try Self.feeds(for: index, pairs: alignment.pairs, graph: graph, reference: reference)
      var metrics: [String: TensorMetrics] = [:]
      var candidateOutput: [Float] = []
      do {
        _ = try loaded.run(inputs: feeds, capture: .tensors(Set(byTensor.keys))) { name, t in
          guard let p = byTensor[name] else { return }
          let ref = try p.referenceTensor(index, from: reference)
          let cand = t.floats() ?? []
          metrics[p.layer] = p.metrics(reference: ref, candidate: cand, atol: atol, rtol: rtol)
          if p == output { candidateOutput = cand }
        }
      } catch let RuntimeError.sink(_, message) {
        throw .reference(key: "(input \(index))", problem: message)
      } catch { throw .candidate(name: names.candidate, error) }
      let observations = alignment.pairs.compactMap { p in
        metrics[p.layer].map { LayerObservation(layer: p.layer, metrics: $0, inputs: p.inputs) }
      }
      let referenceOutput = try output.referenceTensor(index, from: reference).floats() ?? []
      guard referenceOutput.count == candidateOutput.count else {
        throw .outputMismatch(reference: [referenceOutput.count], candidate: [candidateOutput.count])
      }
      let label = LabelAgreement(reference: referenceOutput, candidate: candidateOutput)
      pair.add(input: index, observations: observations, label: label, absentBefore: absentBefore) { d in
        guard let d else { return (.notChecked, nil) }
        if d.reason == .absent { return (.localFault, cause(d.layer) ?? "missing from the candidate") }
        // An isolation that cannot run (a layer computed from uncaptured tensors) is "not checked".
        let isolation = (try? isolate(layer: d.layer, index: index, feeds: feeds)) ?? .notChecked
        return (isolation, cause(d.layer))
      }
      progress(index + 1, count)
    }
    var report = pair.report
    report.unaligned = alignment.unalignedReference
    report.groups = alignment.groups
    report.coverage = alignment.coverage(of: reference.entries)
    report.noiseFloor = floor.map { "\($0.factor)× the error of \($0.measuredOn)" }
    return report
  }

  /// Re-runs the candidate nodes that compute `layer` from its aligned inputs, fed with the
  /// reference's values: still divergent means the layer's own translation is at fault.
  public func isolate(layer: String, index: Int, feeds: [String: Tensor]) throws(DiffError) -> Isolation {
    guard let target = alignment.pairs.first(where: { $0.layer == layer }) else { return .notChecked }
    let inputs = alignment.pairs.filter { target.inputs.contains($0.layer) }
    // A divergent graph input is itself the fault (preprocessing, interface).
    if inputs.isEmpty && feeds[target.candidateTensor] != nil { return .localFault }
    var subFeeds = feeds
    for p in inputs { subFeeds[p.candidateTensor] = try p.referenceTensor(index, from: reference) }
    let produced: [String: Tensor]
    do {
      produced = try loaded.runSubgraph(from: Array(subFeeds.keys), to: [target.candidateTensor], feeds: subFeeds)
    } catch { throw .candidate(name: names.candidate, error) }
    let ref = try target.referenceTensor(index, from: reference)
    guard let got = produced[target.candidateTensor]?.floats() else { return .notChecked }
    let m = target.metrics(reference: ref, candidate: got, atol: atol, rtol: rtol)
    return floor.policy(policy, layer: target.layer).passes(m) ? .accumulatedDrift : .localFault
  }
}
