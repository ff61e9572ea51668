import ModelGraph

/// Reduces every spatial axis of `[N, C, spatial…]` to 1 with `reduce` over each plane.
enum GlobalPool {
  static func apply(
    _ x: Tensor, context: KernelContext, _ reduce: (UnsafeBufferPointer<Float>) -> Float
  ) throws(RuntimeError) -> Tensor {
    guard x.rank >= 3 else { throw .shape(input: 0, expected: "[N, C, spatial…]", found: x.shape) }
    let planes = x.shape[0] * x.shape[1], inner = x.shape[2...].reduce(1, *)
    return x.withFloats { src in
      Tensor.float32(shape: Array(x.shape[..<2]) + Array(repeating: 1, count: x.rank - 2)) { dst in
        context.parallelFor(planes, minimumChunk: 16) { range in
          for p in range { dst[p] = reduce(UnsafeBufferPointer(rebasing: src[p * inner..<(p + 1) * inner])) }
        }
      }
    }
  }
}
