import Foundation
import ModelGraph

/// `softmax(x)_i = exp(x_i − max) / Σ exp(x_j − max)` (or its log) over `n` elements spaced
/// `inner` apart, for each of `outer × inner` lines.
enum SoftmaxCore {
  static func apply(_ x: Tensor, outer: Int, n: Int, inner: Int, log: Bool, context: KernelContext) -> Tensor {
    x.withFloats { src in
      Tensor.float32(shape: x.shape) { dst in
        context.parallelFor(outer * inner, minimumChunk: 256) { lines in
          for line in lines {
            let base = (line / inner) * n * inner + line % inner
            var m = -Float.infinity
            for j in 0..<n { m = max(m, src[base + j * inner]) }
            var sum: Float = 0
            for j in 0..<n {
              let e = Foundation.exp(src[base + j * inner] - m)
              dst[base + j * inner] = e
              sum += e
            }
            if log {
              let l = Foundation.log(sum)
              for j in 0..<n { dst[base + j * inner] = src[base + j * inner] - m - l }
            } else {
              for j in 0..<n { dst[base + j * inner] /= sum }
            }
          }
        }
      }
    }
  }

  /// Softmax-1..12: the input flattened to `[∏ dims < axis, ∏ dims ≥ axis]`, rows normalised.
  static func coerced(_ x: Tensor, axis: Int, log: Bool, context: KernelContext) throws(RuntimeError) -> Tensor {
    let a = try normalized(axis, rank: x.rank)
    let outer = x.shape[..<a].reduce(1, *)
    return apply(x, outer: outer, n: x.shape[a...].reduce(1, *), inner: 1, log: log, context: context)
  }

  /// Softmax-13: along one axis.
  static func alongAxis(_ x: Tensor, axis: Int, log: Bool, context: KernelContext) throws(RuntimeError) -> Tensor {
    let a = try normalized(axis, rank: x.rank)
    guard a < x.rank else { return x }
    return apply(x, outer: x.shape[..<a].reduce(1, *), n: x.shape[a], inner: x.shape[(a + 1)...].reduce(1, *),
                 log: log, context: context)
  }

  static func normalized(_ axis: Int, rank: Int) throws(RuntimeError) -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a <= max(rank - 1, 0) || (rank == 0 && a == 0) else {
      throw .attribute(name: "axis", expected: "in [-\(rank), \(rank - 1)]", found: "\(axis)")
    }
    return a
  }
}
