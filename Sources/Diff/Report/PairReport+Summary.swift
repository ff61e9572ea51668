import Foundation

extension PairReport {
  /// The few lines a person reads first: label agreement, where divergence starts, what is unaligned.
  public var summary: String {
    var lines = ["\(candidate) vs \(reference): \(inputs) inputs, \(layers.count) aligned layers"
      + (coverage.map { "; \($0.description)" } ?? "")]
    lines.append("  top-1 label differs on \(divergentInputs.count) of \(inputs) inputs (\(String(format: "%.1f", labelDifferenceRate * 100))%)")
    let flagged = layers.filter { $0.flaggedInputs > 0 }
    if let noiseFloor { lines.append("  judged against a noise floor: \(noiseFloor), or the policy's threshold where higher") }
    lines.append("  layers out of tolerance: \(flagged.count)\(flagged.first.map { ", first: \($0.layer) (depth \($0.depth), \($0.op))" } ?? "")")
    if let first = firstDivergentLayer {
      let what = first.labelChanged ? "label-divergent" : "numerically divergent (labels held)"
      lines.append("  divergence starts at: \(describe(layer: first.layer)) (\(first.count) of \(first.of) \(what) inputs; \(isolation(at: first.layer)?.rawValue ?? ""))")
      if let cause = (divergentInputs + numericallyDivergentInputs).first(where: { $0.divergence?.layer == first.layer })?.cause {
        lines.append("  cause: \(cause)")
      }
    }
    if let top = suspicion.first(where: \.significant) {
      lines.append("  most suspicious layer (Kruskal–Wallis): \(top.layer), p = \(String(format: "%.3g", top.p))")
    }
    if !unaligned.isEmpty { lines.append("  unaligned reference tensors: \(unaligned.count) (listed in the report)") }
    return lines.joined(separator: "\n")
  }
}
