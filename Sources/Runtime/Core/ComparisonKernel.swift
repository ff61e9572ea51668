import ModelGraph

/// An elementwise comparison `c = a ⋄ b` with numpy broadcasting into a bool tensor. Floats
/// compare as `Float`, integers and bools as `Int64`; both operands must share a dtype.
protocol ComparisonKernel: Kernel, AttributeFree {
  func compare(_ a: Float, _ b: Float) -> Bool
  func compare(_ a: Int64, _ b: Int64) -> Bool
}

extension ComparisonKernel {
  static var arity: ClosedRange<Int> { 2...2 }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let a = try inputs.required(0), b = try inputs.required(1)
    guard a.dtype == b.dtype else { throw .dtype(input: 1, expected: a.dtype.name, found: b.dtype) }
    let plan = try Broadcast([a.shape, b.shape])
    var out = [Bool](repeating: false, count: plan.count)
    switch a.dtype.computeClass {
    case .float:
      let x = a.floats() ?? [], y = b.floats() ?? []
      plan.forEachPair { o, i, j in out[o] = compare(x[i], y[j]) }
    case .integer, .bool:
      let x = a.int64s() ?? [], y = b.int64s() ?? []
      plan.forEachPair { o, i, j in out[o] = compare(x[i], y[j]) }
    case nil:
      throw .dtype(input: 0, expected: "a numeric or bool tensor", found: a.dtype)
    }
    return [Tensor.bools(out, shape: plan.shape)]
  }
}

/// An elementwise logical op on two bool tensors with numpy broadcasting.
protocol LogicalKernel: Kernel, AttributeFree {
  func apply(_ a: Bool, _ b: Bool) -> Bool
}

extension LogicalKernel {
  static var arity: ClosedRange<Int> { 2...2 }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let a = try inputs.required(0), b = try inputs.required(1)
    for (i, t) in [a, b].enumerated() where t.dtype != .bool {
      throw .dtype(input: i, expected: "bool", found: t.dtype)
    }
    let plan = try Broadcast([a.shape, b.shape])
    let x = a.truthValues(), y = b.truthValues()
    var out = [Bool](repeating: false, count: plan.count)
    plan.forEachPair { o, i, j in out[o] = apply(x[i], y[j]) }
    return [Tensor.bools(out, shape: plan.shape)]
  }
}
