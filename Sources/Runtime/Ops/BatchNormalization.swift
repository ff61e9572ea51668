import Foundation
import ModelGraph

/// Inference: `Y = scale · (X − mean) / √(var + epsilon) + B` per channel (axis 1).
/// `training_mode = 1` (opset 14+) is a training graph and is refused.
struct BatchNormalization: FloatKernel {
  static let key = OpKey("BatchNormalization", since: 6)
  static let arity = 5...5
  var epsilon: Float = 1e-5

  init(node: Node, opset: Int) throws(RuntimeError) {
    epsilon = try node.float("epsilon", default: 1e-5)
    if try node.int("training_mode", default: 0) != 0 { throw .unsupported("training_mode = 1 (inference only)") }
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard x.rank >= 2 else { throw .shape(input: 0, expected: "[N, C, …]", found: x.shape) }
    let c = x.shape[1], inner = x.shape[2...].reduce(1, *)
    var params: [[Float]] = []
    for i in 1...4 {
      let p = try inputs.required(i)
      guard p.elementCount == c else { throw .shape(input: i, expected: "[\(c)]", found: p.shape) }
      params.append(p.withFloats { Array($0) })
    }
    let (scale, shift) = affine(params)
    let y = x.withFloats { src in
      Tensor.float32(shape: x.shape) { dst in
        context.parallelFor(x.shape[0] * c, minimumChunk: 1) { planes in
          for p in planes {
            let (a, b) = (scale[p % c], shift[p % c])
            for j in p * inner..<(p + 1) * inner { dst[j] = src[j] * a + b }
          }
        }
      }
    }
    return [y]
  }

  /// Per-channel `a` and `b` of `y = x·a + b` from `[scale, B, mean, var]`: the one formula the
  /// kernel and a Conv that fuses this node share.
  func affine(_ params: [[Float]]) -> (scale: [Float], shift: [Float]) {
    let c = params[0].count
    let scale = (0..<c).map { params[0][$0] / sqrt(params[3][$0] + epsilon) }
    let shift = (0..<c).map { params[1][$0] - params[2][$0] * scale[$0] }
    return (scale, shift)
  }
}
