import Foundation
import Lowering
import ModelGraph

/// Structural equivalence of a conversion against its source, without running either.
///
/// ```swift
/// let report = try Verifier.verify(source: kerasGraph, candidate: onnxModel)
/// switch report.verdict { case .notEquivalent: print(report.findings) … }
/// ```
/// The source is a Keras (`keras` domain), PyTorch (`aten` domain) or ONNX graph; the
/// candidate an ONNX model. Both are lifted to framework-neutral steps, matched (provenance,
/// names, weights, folded BatchNormalization, topology) and compared pair by pair.
///
/// A Keras or PyTorch source is read through `Lowering`, the converter's own rules, with every
/// node keeping its source layer as provenance: the one description of a layer's meaning
/// serves both conversion and verification, so a layer `convert` accepts is a layer `verify`
/// understands.
public enum Verifier {
  /// Throws `VerifyError.sourceNotLowerable` when the source has layers no rule describes.
  public static func verify(source: Graph, candidate: Model, options: VerifyOptions = VerifyOptions()) throws(VerifyError) -> VerifyReport {
    let start = Date()
    let s = try lift(source, file: options.sourceName)
    var c = ONNXLift.lift(candidate.graph, groupByProvenance: false)
    Layout.propagate(&c)
    var sl = s
    Layout.propagate(&sl)
    var matching = Matcher.match(source: sl, candidate: c)
    let inputMap = Layout.inputAxisMap(
      source: sl.inputs.first?.type.shape.map { $0.map { $0.value ?? -1 } },
      candidate: c.inputs.first?.type.shape.map { $0.map { $0.value ?? -1 } })
    let decomposed = Decompositions.resolve(sl, c, &matching, inputMap: inputMap, rtol: options.hyperRtol)
    var ctx = CheckContext(source: sl, candidate: c, matching: matching, inputMap: inputMap, options: options)
    ctx.checkInterface()
    ctx.findings += decomposed.findings
    ctx.rewrites += decomposed.rewrites
    // In candidate order, so a layout fault taints everything downstream before it is compared.
    let pairsByCandidate = Dictionary(grouping: matching.pairs.filter { !matching.computed.contains($0.source) }, by: \.candidate)
    for j in c.steps.indices {
      if let pairs = pairsByCandidate[j] {
        for p in pairs { ctx.compare(source: p.source, candidate: p.candidate) }
      } else if !ctx.layoutTainted.isDisjoint(with: c.steps[j].inputs) {
        ctx.layoutTainted.formUnion(c.steps[j].outputs)
      } else if c.steps[j].mixedInputLayouts {
        // Part of a layer's decomposed spelling, or compute no layer explains.
        ctx.flagMixedLayouts(layer: matching.explained[j].map { sl.steps[$0].layer } ?? c.steps[j].layer, c.steps[j])
      }
    }
    ctx.checkUnmatched()
    ctx.checkDangling(candidate.graph)
    let map = nodeMap(sl, c, matching)
    var methods: [String: Int] = [:]
    for m in map { for t in m.targets { methods[t.method.rawValue, default: 0] += 1 } }
    let stats = VerifyReport.Statistics(
      sourceLayers: map.count, candidateNodes: candidate.graph.nodes.count,
      mappedLayers: map.filter { !$0.targets.isEmpty }.count, methods: methods,
      seconds: Date().timeIntervalSince(start))
    return VerifyReport(
      source: options.sourceName, candidate: options.candidateName, findings: ctx.findings,
      rewrites: merged(ctx.rewrites), nodeMap: map, statistics: stats)
  }

  /// An ONNX model as the source (another converter's output, or our own).
  public static func verify(source: Model, candidate: Model, options: VerifyOptions = VerifyOptions()) throws(VerifyError) -> VerifyReport {
    try verify(source: source.graph, candidate: candidate, options: options)
  }

  /// The source as steps grouped by source layer. A Keras or PyTorch graph is lowered first
  /// (unfolded; Keras keeps its channels-last interface) and lifted from the onnx dialect.
  static func lift(_ graph: Graph, file: String) throws(VerifyError) -> LiftedGraph {
    let dialect: LiftedGraph.Dialect
    if graph.nodes.contains(where: { $0.domain == "keras" }) { dialect = .keras }
    else if graph.nodes.contains(where: { $0.domain == "aten" }) { dialect = .aten }
    else { return ONNXLift.lift(graph, groupByProvenance: true) }
    let lowered: Model
    do {
      lowered = try Lowering.lower(graph, file: file, options: LoweringOptions(keepNHWC: dialect == .keras))
    } catch {
      throw .sourceNotLowerable(file: file, reason: error)
    }
    var lifted = ONNXLift.lift(lowered.graph, groupByProvenance: true)
    lifted.dialect = dialect
    return lifted
  }

  /// Source layers in order, each with the candidate nodes of its matched steps.
  static func nodeMap(_ s: LiftedGraph, _ c: LiftedGraph, _ m: Matching) -> [LayerMapping] {
    var targets: [String: [TargetMatch]] = [:]
    for p in m.pairs {
      let step = s.steps[p.source], cand = c.steps[p.candidate]
      for layer in [step.layer] + step.mergedLayers {
        for node in cand.nodes where !(targets[layer] ?? []).contains(where: { $0.node == node }) {
          let op = cand.opType.split(separator: "+").map(String.init)
          let index = cand.nodes.firstIndex(of: node) ?? 0
          targets[layer, default: []].append(TargetMatch(
            node: node, opType: index < op.count ? op[index] : cand.opType, method: p.method, confidence: p.confidence))
        }
      }
    }
    var seen = Set<String>()
    var order: [String] = []
    for l in s.layerOrder + s.steps.flatMap({ [$0.layer] + $0.mergedLayers }) where seen.insert(l).inserted { order.append(l) }
    return order.map { LayerMapping(layer: $0, sourceOp: s.layerOps[$0] ?? "", targets: targets[$0] ?? []) }
  }

  /// One entry per rewrite kind and node set.
  static func merged(_ rewrites: [Rewrite]) -> [Rewrite] {
    var seen = Set<String>()
    return rewrites.filter { seen.insert($0.kind.rawValue + "|" + $0.layers.joined(separator: ",") + "|" + $0.nodes.joined(separator: ",")).inserted }
  }
}
