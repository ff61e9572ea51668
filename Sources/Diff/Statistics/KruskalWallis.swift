/// The Kruskal–Wallis H test: do k independent samples come from the same distribution?
///
/// FetaFix ranks layers by comparing, per layer, the error of label-divergent inputs with that
/// of label-agreeing inputs; a small p-value marks the layer as suspicious.
public struct KruskalWallis: Sendable, Hashable, Codable {
  /// The tie-corrected H statistic.
  public var h: Double
  public var degreesOfFreedom: Int
  /// P(χ²(k−1) ≥ H), the asymptotic p-value.
  public var p: Double

  /// `nil` when fewer than two groups are non-empty or every value is tied.
  public init?(_ groups: [[Double]]) {
    let samples = groups.filter { !$0.isEmpty }
    guard samples.count >= 2 else { return nil }
    var all: [(value: Double, group: Int)] = []
    for (g, sample) in samples.enumerated() { all += sample.map { ($0, g) } }
    all.sort { $0.value < $1.value }
    let n = Double(all.count)

    // Mid-ranks for ties, and the tie correction Σ(t³ − t).
    var rankSums = [Double](repeating: 0, count: samples.count)
    var tieTerm = 0.0
    var i = 0
    while i < all.count {
      var j = i
      while j + 1 < all.count && all[j + 1].value == all[i].value { j += 1 }
      let midRank = Double(i + j + 2) / 2
      for t in i...j { rankSums[all[t].group] += midRank }
      let t = Double(j - i + 1)
      tieTerm += t * t * t - t
      i = j + 1
    }
    let correction = 1 - tieTerm / (n * n * n - n)
    guard correction > 0 else { return nil }
    var h = 0.0
    for (g, sample) in samples.enumerated() { h += rankSums[g] * rankSums[g] / Double(sample.count) }
    h = (12 / (n * (n + 1)) * h - 3 * (n + 1)) / correction
    self.h = h
    degreesOfFreedom = samples.count - 1
    p = chiSquareSurvival(h, degreesOfFreedom: degreesOfFreedom)
  }
}
