import ModelGraph

/// An elementwise op `c = f(a, b)` with numpy broadcasting; `c` has `a`'s dtype.
///
/// Float inputs (float16/bfloat16/float64 converted) use `apply(Float, Float)`. Integer inputs
/// use `apply(Int64, Int64)` when `integers` is true; its default rounds through `Float`, so
/// ops with exact integer semantics (Add, Div, …) override it.
protocol BinaryBroadcastKernel: Kernel {
  func apply(_ a: Float, _ b: Float) -> Float
  func apply(_ a: Int64, _ b: Int64) -> Int64
  /// Whether integer dtypes are accepted (bool never is).
  static var integers: Bool { get }
}

extension BinaryBroadcastKernel {
  static var arity: ClosedRange<Int> { 2...2 }
  static var integers: Bool { true }

  func apply(_ a: Int64, _ b: Int64) -> Int64 {
    let c = apply(Float(a), Float(b))
    return c.isFinite ? Int64(c) : 0
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let a = try inputs.required(0), b = try inputs.required(1)
    guard a.dtype == b.dtype else { throw .dtype(input: 1, expected: a.dtype.name, found: b.dtype) }
    let plan = try Broadcast([a.shape, b.shape])
    if a.isFloat {
      guard let fa = a.asFloat32(), let fb = b.asFloat32() else { preconditionFailure("float tensors convert") }
      return [floats(fa, fb, plan, context: context).converted(to: a.dtype)]
    }
    guard Self.integers, a.dtype != .bool, let ia = a.int64s(), let ib = b.int64s() else {
      throw .dtype(input: 0, expected: Self.integers ? "a numeric tensor" : "a float tensor", found: a.dtype)
    }
    var c = [Int64](repeating: 0, count: plan.count)
    let (sa, sb) = (plan.innerStrides[0], plan.innerStrides[1])
    plan.forEachRow { o, off, n in
      for j in 0..<n { c[o + j] = apply(ia[off[0] + j * sa], ib[off[1] + j * sb]) }
    }
    return [Tensor.integers(c, dtype: a.dtype, shape: plan.shape)]
  }

  /// Threads take whole runs when there are enough of them, else pieces of the one long run
  /// (same-shape operands merge into one); either way each element is computed alone, so the
  /// result does not depend on the split.
  private func floats(_ a: Tensor, _ b: Tensor, _ plan: Broadcast, context: KernelContext) -> Tensor {
    let (sa, sb) = (plan.innerStrides[0], plan.innerStrides[1])
    let inner = plan.dims[plan.dims.count - 1], rows = plan.rowCount
    return a.withFloats { pa in
      b.withFloats { pb in
        Tensor.float32(shape: plan.shape) { c in
          func run(_ o: Int, _ offA: Int, _ offB: Int, _ n: Int) {
            let x = pa.baseAddress! + offA, y = pb.baseAddress! + offB, z = c.baseAddress! + o
            // Separate loops per stride pattern so the common cases vectorise.
            switch (sa, sb) {
            case (1, 1): for j in 0..<n { z[j] = apply(x[j], y[j]) }
            case (1, 0): let v = y[0]; for j in 0..<n { z[j] = apply(x[j], v) }
            case (0, 1): let u = x[0]; for j in 0..<n { z[j] = apply(u, y[j]) }
            default: let w = apply(x[0], y[0]); for j in 0..<n { z[j] = w }
            }
          }
          if rows == 1 {
            context.parallelFor(inner) { r in run(r.lowerBound, r.lowerBound * sa, r.lowerBound * sb, r.count) }
          } else {
            context.parallelFor(rows, minimumChunk: Swift.max(1, (1 << 15) / Swift.max(1, inner))) { r in
              plan.forEachRow(in: r) { o, off, n in run(o, off[0], off[1], n) }
            }
          }
        }
      }
    }
  }
}
