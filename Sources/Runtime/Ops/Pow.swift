import Foundation
import ModelGraph

/// `Z = X ^ Y` with numpy broadcasting; `Z` has the base's dtype. The exponent may be any
/// numeric type (opset 12 on). Integer bases compute in `Double` and truncate, as the
/// reference's `np.power(x, y).astype(x.dtype)`.
struct Pow: Kernel, AttributeFree {
  static let key = OpKey("Pow", since: 7)
  static let arity: ClosedRange<Int> = 2...2

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0), y = try inputs.required(1)
    for (i, t) in [x, y].enumerated() where t.dtype.computeClass == nil || t.dtype == .bool {
      throw .dtype(input: i, expected: "a numeric tensor", found: t.dtype)
    }
    let plan = try Broadcast([x.shape, y.shape])
    if x.dtype.computeClass == .float {
      let base = x.floats() ?? [], exponent = y.floats() ?? []
      var z = [Float](repeating: 0, count: plan.count)
      plan.forEachPair { o, i, j in z[o] = pow(base[i], exponent[j]) }
      return [Tensor(z, shape: plan.shape).converted(to: x.dtype)]
    }
    let base = x.int64s() ?? []
    let exponent = y.dtype.computeClass == .float ? (y.floats() ?? []).map { Double($0) } : (y.int64s() ?? []).map { Double($0) }
    var z = [Int64](repeating: 0, count: plan.count)
    plan.forEachPair { o, i, j in
      let p = pow(Double(base[i]), exponent[j])
      z[o] = p.isFinite ? Int64(exactly: p.rounded(.towardZero)) ?? 0 : 0
    }
    return [Tensor.integers(z, dtype: x.dtype, shape: plan.shape)]
  }
}
