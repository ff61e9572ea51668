import ModelGraph

/// Whether a candidate classifier output gives the reference's answer, for one input.
public struct LabelAgreement: Sendable, Hashable, Codable {
  public var referenceTop1: Int
  public var candidateTop1: Int
  /// How many of the reference's top-5 classes are in the candidate's top-5.
  public var top5Overlap: Int
  /// Kendall's τ-b between the two outputs' orderings of the reference's top-5 classes
  /// (1: same order, −1: reversed).
  public var kendallTau: Float

  public var top1Agrees: Bool { referenceTop1 == candidateTop1 }
  public var top5Agrees: Bool { top5Overlap == min(5, referenceTopK.count) }
  var referenceTopK: [Int]

  /// `reference` and `candidate` are one input's class scores (logits or probabilities).
  public init(reference: [Float], candidate: [Float], k: Int = 5) {
    precondition(reference.count == candidate.count, "label agreement needs equally many classes")
    let refTop = topK(reference, k)
    let candTop = topK(candidate, k)
    referenceTopK = refTop
    referenceTop1 = refTop.first ?? -1
    candidateTop1 = candTop.first ?? -1
    top5Overlap = Set(refTop).intersection(candTop).count
    kendallTau = Diff.kendallTau(refTop.map { reference[$0] }, refTop.map { candidate[$0] })
  }
}

/// Indices of the `k` largest scores, largest first; ties keep the lower index first.
public func topK(_ scores: [Float], _ k: Int) -> [Int] {
  Array(scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }.prefix(k))
}

/// The `k` largest scores of each row of a classifier output (`[K]` or `[B, K]`), best first in
/// `topK`'s order; `nil` for any other shape or a non-float tensor.
public func topClasses(_ scores: Tensor, k: Int = 5) -> [[(index: Int, score: Float)]]? {
  guard (1...2).contains(scores.rank), let classes = scores.shape.last, classes >= 2, let v = scores.floats() else { return nil }
  return stride(from: 0, to: v.count, by: classes).map { start in
    let row = Array(v[start..<(start + classes)])
    return topK(row, k).map { (index: $0, score: row[$0]) }
  }
}

/// Kendall's τ-b: (concordant − discordant) / √((pairs − ties in a)(pairs − ties in b)), so that
/// two identical orderings score 1 even with ties; 1 for fewer than two items or all-tied input.
public func kendallTau(_ a: [Float], _ b: [Float]) -> Float {
  let n = a.count
  guard n > 1 else { return 1 }
  var concordant = 0, discordant = 0, tiesA = 0, tiesB = 0
  for i in 0..<n {
    for j in (i + 1)..<n {
      let da = a[i] - a[j], db = b[i] - b[j]
      if da == 0 { tiesA += 1 }
      if db == 0 { tiesB += 1 }
      if da == 0 || db == 0 { continue }
      if (da > 0) == (db > 0) { concordant += 1 } else { discordant += 1 }
    }
  }
  let pairs = n * (n - 1) / 2
  let denominator = (Double(pairs - tiesA) * Double(pairs - tiesB)).squareRoot()
  return denominator == 0 ? 1 : Float(Double(concordant - discordant) / denominator)
}
