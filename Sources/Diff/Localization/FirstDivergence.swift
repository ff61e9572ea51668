/// The layer where a candidate starts to differ from the reference, for one input.
public struct Divergence: Sendable, Hashable, Codable {
  public enum Reason: String, Sendable, Codable {
    /// Out of tolerance while every input it reads is within tolerance: an error jump.
    case jump
    /// No clean jump: every out-of-tolerance layer reads an out-of-tolerance input, so this is the
    /// layer whose error grows the most relative to its inputs' (CRADLE's rate of change).
    case largestGrowth
    /// The layer right before the jump has no counterpart in the candidate at all (its
    /// provenance names no node): the jump is where its absence first shows.
    case absent
  }

  public var layer: String
  /// Position of the layer in the observed (topological) order.
  public var index: Int
  public var reason: Reason
  /// The layer's own error and the largest error among its inputs, in the policy's measure.
  public var error: Float
  public var inputError: Float
  /// `error / max(inputError, ε)`.
  public var growth: Float
}

/// Finds the first divergent layer along topological order.
///
/// A layer is a *jump* when it fails `policy` while all its observed inputs pass it. Without a
/// jump, the layer with the largest error growth over its inputs is named. Returns `nil` when
/// every layer passes.
///
/// `absentBefore` names, for a layer, a source layer just before it that the candidate lacks
/// altogether; a jump there is attributed to the absent layer.
///
/// With a `floor`, each layer passes up to what correct executions of it differ by.
public func firstDivergence(_ layers: [LayerObservation], policy: Comparison = .layerDefault,
                            absentBefore: [String: String] = [:], floor: NoiseFloor? = nil) -> Divergence? {
  var error: [String: Float] = [:]
  var passes: [String: Bool] = [:]
  for l in layers {
    error[l.layer] = policy.measure(l.metrics)
    passes[l.layer] = floor.policy(policy, layer: l.layer).passes(l.metrics)
  }
  guard layers.contains(where: { passes[$0.layer] == false }) else { return nil }

  func divergence(_ i: Int, _ reason: Divergence.Reason) -> Divergence {
    let l = layers[i]
    let own = error[l.layer] ?? 0
    let inherited = l.inputs.compactMap { error[$0] }.max() ?? 0
    return Divergence(layer: l.layer, index: i, reason: reason, error: own, inputError: inherited,
                      growth: own / max(inherited, Float.leastNormalMagnitude))
  }

  for (i, l) in layers.enumerated() where passes[l.layer] == false {
    guard l.inputs.allSatisfy({ passes[$0] ?? true }) else { continue }
    var jump = divergence(i, .jump)
    if let absent = absentBefore[l.layer] {
      jump.layer = absent
      jump.reason = .absent
    }
    return jump
  }
  let failing = layers.indices.filter { passes[layers[$0].layer] == false }
  let growths = failing.map { divergence($0, .largestGrowth) }
  return growths.max { $0.growth < $1.growth || ($0.growth == $1.growth && $0.index > $1.index) }
}

extension Comparison {
  /// The scalar this policy thresholds: bigger is worse.
  public func measure(_ m: TensorMetrics) -> Float {
    guard m.nonFiniteMismatches == 0 else { return .infinity }
    return switch self {
    case .elementwise: m.outOfToleranceFraction
    case .rangeRelative: m.rangeRelativeMaxAbs
    case .cosine: 1 - m.cosine
    }
  }
}
