import Foundation
import ModelGraph

/// Separable resampling along one axis: each output position reads up to two input positions
/// with weights (nearest: one position, weight 1), or is `fill` when it falls outside.
enum Resample {
  struct Tap { var i0: Int, i1: Int, w1: Float, outside: Bool }

  static func along(_ x: Tensor, axis: Int, taps: [Tap], fill: Float) -> Tensor {
    var shape = x.shape
    let n = shape[axis]
    shape[axis] = taps.count
    let outer = x.shape[..<axis].reduce(1, *), inner = x.shape[(axis + 1)...].reduce(1, *)
    return x.withFloats { src in
      Tensor.float32(shape: shape) { dst in
        for o in 0..<outer {
          for (j, t) in taps.enumerated() {
            let d = (o * taps.count + j) * inner, a = (o * n + t.i0) * inner, b = (o * n + t.i1) * inner
            for k in 0..<inner {
              dst[d + k] = t.outside ? fill : src[a + k] + t.w1 * (src[b + k] - src[a + k])
            }
          }
        }
      }
    }
  }
}
