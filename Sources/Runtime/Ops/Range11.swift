import ModelGraph

/// `[start, start + delta, …]` up to but excluding `limit`, with
/// `max(⌈(limit − start) / delta⌉, 0)` elements in the inputs' dtype. Named `Range11` so as
/// not to shadow Swift's `Range`.
struct Range11: Kernel, AttributeFree {
  static let key = OpKey("Range", since: 11)
  static let arity: ClosedRange<Int> = 3...3

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let start = try inputs.required(0)
    for i in 0..<3 {
      let t = try inputs.required(i)
      guard t.dtype == start.dtype, t.dtype.computeClass == .float || t.dtype.computeClass == .integer else {
        throw .dtype(input: i, expected: "a number of \(start.dtype.name), as input 0", found: t.dtype)
      }
      guard t.elementCount == 1 else { throw .shape(input: i, expected: "a scalar", found: t.shape) }
    }
    if start.dtype.computeClass == .float {
      let v = try (0..<3).map { i throws(RuntimeError) in Double(try inputs.required(i).floats()?.first ?? 0) }
      guard v[2] != 0 else { throw .shape(input: 2, expected: "a non-zero delta", found: []) }
      let count = ((v[1] - v[0]) / v[2]).rounded(.up)
      guard count.isFinite, count < Double(Int32.max) else { throw .shape(input: 2, expected: "a range of fewer than 2³¹ elements", found: []) }
      let n = max(Int(count), 0)
      return [Tensor((0..<n).map { Float(v[0] + Double($0) * v[2]) }, shape: [n]).converted(to: start.dtype)]
    }
    let v = try (0..<3).map { i throws(RuntimeError) in try inputs.required(i).int64s()?.first ?? 0 }
    guard v[2] != 0 else { throw .shape(input: 2, expected: "a non-zero delta", found: []) }
    let (span, overflow) = v[1].subtractingReportingOverflow(v[0])
    let n = overflow ? -1 : v[2] > 0 ? (span > 0 ? (span - 1) / v[2] + 1 : 0) : (span < 0 ? (span + 1) / v[2] + 1 : 0)
    guard (0..<Int64(Int32.max)).contains(n) else { throw .shape(input: 2, expected: "a range of fewer than 2³¹ elements", found: []) }
    return [Tensor.integers((0..<n).map { v[0] + $0 * v[2] }, dtype: start.dtype, shape: [Int(n)])]
  }
}
