import Foundation
import ModelGraph

/// Local response normalization across channels of `[N, C, …]`:
/// `Y = X / (bias + alpha/size · Σ X²)^beta`, the sum over channels
/// `c − ⌊(size−1)/2⌋ … c + ⌈(size−1)/2⌉`.
struct LRN: FloatKernel {
  static let key = OpKey("LRN", since: 1)
  static let arity: ClosedRange<Int> = 1...1
  let alpha: Float, beta: Float, bias: Float, size: Int

  init(node: Node, opset: Int) throws(RuntimeError) {
    alpha = try node.float("alpha", default: 0.0001)
    beta = try node.float("beta", default: 0.75)
    bias = try node.float("bias", default: 1)
    guard let size = try node.int("size"), size > 0 else { throw .attribute(name: "size", expected: "a positive int", found: "\(node.attributes["size"].map(Node.kind) ?? "absent")") }
    self.size = size
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.float(0)
    guard x.rank >= 2 else { throw .shape(input: 0, expected: "[N, C, …]", found: x.shape) }
    let channels = x.shape[1], inner = x.shape[2...].reduce(1, *)
    let before = (size - 1) / 2, after = size / 2
    let v = x.floats() ?? []
    let y = v.indices.map { i -> Float in
      let c = i / inner % channels, base = i - c * inner
      var sum: Float = 0
      for k in max(0, c - before)...min(channels - 1, c + after) { sum += v[base + k * inner] * v[base + k * inner] }
      return v[i] / pow(bias + alpha / Float(size) * sum, beta)
    }
    return [Tensor(y, shape: x.shape)]
  }
}
