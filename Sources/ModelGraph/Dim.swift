/// One dimension of a value's shape: a fixed size, a named symbolic size, or unknown.
public enum Dim: Sendable, Hashable, CustomStringConvertible {
  case fixed(Int)
  case symbolic(String)
  case unknown

  public var value: Int? {
    if case .fixed(let n) = self { return n }
    return nil
  }

  public var description: String {
    switch self {
    case .fixed(let n): String(n)
    case .symbolic(let s): s
    case .unknown: "?"
    }
  }
}

extension Array where Element == Dim {
  /// The concrete sizes, or `nil` when any dimension is symbolic or unknown.
  public var concrete: [Int]? {
    var sizes: [Int] = []
    sizes.reserveCapacity(count)
    for d in self {
      guard let n = d.value else { return nil }
      sizes.append(n)
    }
    return sizes
  }
}
