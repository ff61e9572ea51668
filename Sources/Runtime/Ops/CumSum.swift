import ModelGraph

/// Running sums of `X` along the axis in input 1; `exclusive` leaves each element out of its
/// own sum, `reverse` runs from the end.
struct CumSum: Kernel {
  static let key = OpKey("CumSum", since: 11)
  static let arity: ClosedRange<Int> = 2...2
  let exclusive: Bool, reverse: Bool

  init(node: Node, opset: Int) throws(RuntimeError) {
    exclusive = try node.int("exclusive", default: 0) != 0
    reverse = try node.int("reverse", default: 0) != 0
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard let raw = try inputs.ints(1)?.first, let a = Layout.axis(Int64(raw), rank: x.rank) else {
      throw .shape(input: 1, expected: "an axis in [-\(x.rank), \(x.rank))", found: try inputs.required(1).shape)
    }
    let d = x.shape[a], inner = x.shape[(a + 1)...].reduce(1, *)
    func scan<T: AdditiveArithmetic>(_ v: [T]) -> [T] {
      var out = v
      for start in stride(from: 0, to: v.count, by: d * inner) {
        for j in 0..<inner {
          var sum = T.zero
          for step in 0..<d {
            let i = start + (reverse ? d - 1 - step : step) * inner + j
            if exclusive { out[i] = sum; sum += v[i] } else { sum += v[i]; out[i] = sum }
          }
        }
      }
      return out
    }
    switch x.dtype.computeClass {
    case .float: return [Tensor(scan(x.floats() ?? []), shape: x.shape).converted(to: x.dtype)]
    case .integer: return [Tensor.integers(scan(x.int64s() ?? []), dtype: x.dtype, shape: x.shape)]
    default: throw .dtype(input: 0, expected: "a numeric tensor", found: x.dtype)
    }
  }
}
