import ModelGraph

/// A kernel that computes in float32.
///
/// The extension does the dtype rule once: input 0 must be float32, float16, bfloat16 or
/// float64; every float input reaches `compute` as aligned float32, integer inputs (shapes,
/// indices) unchanged, and float32 outputs go back to input 0's dtype.
protocol FloatKernel: Kernel {
  /// Whether integer inputs are accepted too (computed in float32, converted back), for ops
  /// exact on small integers such as MaxPool.
  static var integers: Bool { get }
  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor]
}

extension FloatKernel {
  static var integers: Bool { false }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let first = try inputs.required(0)
    let integer = Self.integers && first.dtype.isInteger
    guard first.isFloat || integer else {
      throw .dtype(input: 0, expected: "float32, float16, bfloat16 or float64", found: first.dtype)
    }
    var converted = inputs.map { t in t.map { $0.isFloat ? ($0.asFloat32() ?? $0) : $0 } }
    if integer { converted[0] = first.asFloat32() }
    let outputs = try compute(converted, context: context)
    return first.dtype == .float32 ? outputs : outputs.map { $0.converted(to: first.dtype) }
  }
}

/// An elementwise float op `y = f(x)` with one input.
protocol UnaryKernel: FloatKernel {
  func apply(_ x: Float) -> Float
}

extension UnaryKernel {
  static var arity: ClosedRange<Int> { 1...1 }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    let y = x.withFloats { src in
      Tensor.float32(shape: x.shape) { dst in
        context.parallelFor(src.count) { range in
          for i in range { dst[i] = apply(src[i]) }
        }
      }
    }
    return [y]
  }
}

extension KernelContext {
  /// Runs `body` over `0..<count` split into contiguous chunks, `chunksPerThread` per thread
  /// (at least `minimumChunk` long). Chunks are fixed by `threads`, and each element is computed
  /// the same way, so results do not depend on scheduling. Small counts run inline. More chunks
  /// than threads let a thread that runs ahead (the other one preempted on a shared machine)
  /// take over the rest, where a chunk costs no work twice.
  func parallelFor(_ count: Int, minimumChunk: Int = 1 << 15, chunksPerThread: Int = 1, _ body: (Range<Int>) -> Void) {
    let chunks = Swift.min(threads * chunksPerThread, Swift.max(1, count / Swift.max(1, minimumChunk)))
    guard chunks > 1, let workers else { body(0..<count); return }
    workers.perform(iterations: chunks) { c in
      body((count * c / chunks)..<(count * (c + 1) / chunks))
    }
  }
}
