import ModelGraph

/// An op folding one or more same-dtype inputs elementwise with numpy broadcasting
/// (`Sum`, `Max`, `Min`, `Mean`). Floats combine as `Float`, integers as `Int64`.
protocol VariadicKernel: Kernel, AttributeFree {
  func combine(_ a: Float, _ b: Float) -> Float
  func combine(_ a: Int64, _ b: Int64) -> Int64
  /// Applied to each folded float element with the number of inputs (`Mean` divides).
  func finish(_ x: Float, count: Int) -> Float
}

extension VariadicKernel {
  static var arity: ClosedRange<Int> { 1...Int.max }

  func finish(_ x: Float, count: Int) -> Float { x }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let first = try inputs.required(0)
    let all = try inputs.indices.map { i throws(RuntimeError) in try inputs.required(i) }
    for (i, t) in all.enumerated() where t.dtype != first.dtype {
      throw .dtype(input: i, expected: first.dtype.name, found: t.dtype)
    }
    let plan = try Broadcast(all.map(\.shape))
    switch first.dtype.computeClass {
    case .float:
      var acc = all[0].broadcast(to: plan.shape).floats() ?? []
      for t in all.dropFirst() { fold(&acc, t.broadcast(to: plan.shape).floats() ?? [], combine) }
      let n = all.count
      return [Tensor(acc.map { finish($0, count: n) }, shape: plan.shape).converted(to: first.dtype)]
    case .integer:
      var acc = all[0].broadcast(to: plan.shape).int64s() ?? []
      for t in all.dropFirst() { fold(&acc, t.broadcast(to: plan.shape).int64s() ?? [], combine) }
      return [Tensor.integers(acc, dtype: first.dtype, shape: plan.shape)]
    default:
      throw .dtype(input: 0, expected: "a numeric tensor", found: first.dtype)
    }
  }
}

private func fold<T>(_ acc: inout [T], _ next: [T], _ f: (T, T) -> T) {
  for i in acc.indices { acc[i] = f(acc[i], next[i]) }
}
