import ModelGraph

/// How a reference tensor is rearranged to be compared with its candidate counterpart.
public enum LayoutTransform: String, Sendable, Hashable, Codable {
  case identity
  /// Channels-last reference, channels-first candidate (Keras vs ONNX): perm (0, r−1, 1, …, r−2).
  case channelsLastToFirst
  /// Channels-first reference, channels-last candidate: perm (0, 2, …, r−1, 1).
  case channelsFirstToLast
  /// Same elements, different shape (e.g. `[N, C]` vs `[N, C, 1, 1]` after a kept-dims pool).
  case reshape
  /// The shapes cannot be reconciled: the pair is compared as maximally different.
  case incomparable

  /// The transforms that make `reference` comparable with `candidate`, best first; empty when none.
  public static func candidates(reference: [Int], candidate: [Int]) -> [LayoutTransform] {
    var found: [LayoutTransform] = []
    if reference == candidate { found.append(.identity) }
    if reference.count >= 3 {
      if channelsLastToFirst.permuted(reference) == candidate { found.append(.channelsLastToFirst) }
      if channelsFirstToLast.permuted(reference) == candidate { found.append(.channelsFirstToLast) }
    }
    if found.isEmpty && reference.reduce(1, *) == candidate.reduce(1, *)
      && reference.filter({ $0 != 1 }) == candidate.filter({ $0 != 1 }) {
      found.append(.reshape)
    }
    return found
  }

  /// The axis order this transform applies, for a tensor of rank `r`.
  func permutation(rank r: Int) -> [Int] {
    switch self {
    case .identity, .reshape, .incomparable: Array(0..<r)
    case .channelsLastToFirst: [0, r - 1] + Array(1..<(r - 1))
    case .channelsFirstToLast: [0] + Array(2..<r) + [1]
    }
  }

  func permuted(_ shape: [Int]) -> [Int] { permutation(rank: shape.count).map { shape[$0] } }

  /// `values` (row-major with `shape`) rearranged into the candidate's element order.
  public func apply(_ values: [Float], shape: [Int]) -> [Float] {
    let perm = permutation(rank: shape.count)
    guard perm != Array(0..<shape.count) else { return values }
    return transpose(values, shape: shape, perm: perm)
  }
}
