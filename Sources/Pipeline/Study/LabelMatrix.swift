import Diff

/// The label-difference matrix of the differential-testing studies: for every pair of
/// environments that ran the same model on the same inputs, how often their labels differ.
///
/// Row `a`, column `b` compares `b` against `a` as the reference: the share of inputs whose top-1
/// label differs (symmetric), whose top-5 set differs, and the mean Kendall τ of `b`'s ordering
/// of `a`'s top-5 classes. A 1001-class output (a background class first, as TensorFlow's
/// ImageNet models have) is compared with a 1000-class one by dropping its first class. An input
/// whose scores hold NaN or infinity on either side has no label there: it counts as a top-1 and
/// top-5 difference, and τ is taken over the other inputs (−1, no agreement, when there are none).
public struct LabelMatrix: Sendable, Codable, Equatable {
  public struct Pair: Sendable, Codable, Equatable {
    public var reference: String
    public var candidate: String
    public var inputs: Int
    public var top1DifferenceRate: Double
    public var top5DifferenceRate: Double
    public var meanKendallTau: Double
    /// Inputs where either side's scores are not all finite.
    public var nonFiniteInputs: Int
    /// True when one side's first class was dropped to line the classes up.
    public var backgroundClassDropped: Bool
  }

  public var environments: [String]
  /// Every ordered pair of distinct environments, row by row.
  public var pairs: [Pair]

  /// `scores[name]` holds one row of class scores per input, the same inputs in every environment.
  public init(scores: [(name: String, rows: [[Float]])]) throws(PipelineError) {
    environments = scores.map(\.name)
    pairs = []
    for a in scores {
      for b in scores where b.name != a.name {
        pairs.append(try Self.pair(a, b))
      }
    }
  }

  private static func pair(_ a: (name: String, rows: [[Float]]), _ b: (name: String, rows: [[Float]])) throws(PipelineError) -> Pair {
    guard a.rows.count == b.rows.count, !a.rows.isEmpty else {
      throw .argument(step: "compare", name: b.name, expected: "has \(b.rows.count) inputs where \(a.name) has \(a.rows.count)")
    }
    var top1 = 0, top5 = 0, tau = 0.0, dropped = false, nonFinite = 0
    for (x, y) in zip(a.rows, b.rows) {
      var (x, y) = (x, y)
      if x.count == y.count + 1 { x.removeFirst(); dropped = true }
      if y.count == x.count + 1 { y.removeFirst(); dropped = true }
      guard x.count == y.count else {
        throw .argument(step: "compare", name: b.name, expected: "has \(y.count) classes where \(a.name) has \(x.count)")
      }
      guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
        nonFinite += 1
        top1 += 1
        top5 += 1
        continue
      }
      let agreement = LabelAgreement(reference: x, candidate: y)
      if !agreement.top1Agrees { top1 += 1 }
      if !agreement.top5Agrees { top5 += 1 }
      tau += Double(agreement.kendallTau)
    }
    let n = Double(a.rows.count), finite = a.rows.count - nonFinite
    return Pair(reference: a.name, candidate: b.name, inputs: a.rows.count, top1DifferenceRate: Double(top1) / n,
                top5DifferenceRate: Double(top5) / n, meanKendallTau: finite == 0 ? -1 : tau / Double(finite),
                nonFiniteInputs: nonFinite, backgroundClassDropped: dropped)
  }

  public func pair(_ reference: String, _ candidate: String) -> Pair? {
    pairs.first { $0.reference == reference && $0.candidate == candidate }
  }

  /// The top-1 matrix as text, in percent, one row per environment.
  public var table: String {
    let width = max(12, environments.map(\.count).max() ?? 0)
    let pad = { (s: String) in s + String(repeating: " ", count: max(0, width - s.count)) }
    var lines = [pad("top-1 diff") + environments.map { " " + pad($0) }.joined()]
    for a in environments {
      lines.append(pad(a) + environments.map { b in
        " " + pad(a == b ? "—" : pair(a, b).map { String(Int(($0.top1DifferenceRate * 100).rounded())) + " %" } ?? "")
      }.joined())
    }
    return lines.joined(separator: "\n")
  }
}
