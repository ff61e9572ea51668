import ModelGraph
import TestSupport
import XCTest

@testable import Runtime

/// The direct depthwise path against the im2col + GEMM path (validated by the ONNX node suite):
/// a depthwise convolution equals a dense one whose weight is zero off the channel diagonal.
final class DepthwiseTests: XCTestCase {
  func conv(_ x: Tensor, _ w: Tensor, group: Int, stride: Int, pads: [Int], isa: KernelISA) throws -> Tensor {
    let node = Node(name: "c", opType: "Conv", inputs: ["x", "w"], outputs: ["y"],
                    attributes: ["group": .int(Int64(group)), "strides": .ints([Int64(stride), Int64(stride)]),
                                 "pads": .ints(pads.map(Int64.init))])
    return try Conv(node: node, opset: 17).run([x, w], context: KernelContext(threads: 1, isa: isa))[0]
  }

  func test_Depthwise_matchesDenseConvolutionWithDiagonalWeights() throws {
    var seed: UInt32 = 7
    func next() -> Float { seed = seed &* 1_664_525 &+ 1_013_904_223; return Float(seed >> 8) / Float(1 << 24) - 0.5 }
    let (c, h, w) = (5, 29, 37)
    let x = Tensor((0..<(c * h * w)).map { _ in next() }, shape: [1, c, h, w])
    let taps = (0..<(c * 9)).map { _ in next() }
    var dense = [Float](repeating: 0, count: c * c * 9)
    for m in 0..<c { for k in 0..<9 { dense[(m * c + m) * 9 + k] = taps[m * 9 + k] } }
    for stride in [1, 2] {
      for pads in [[0, 0, 0, 0], [1, 1, 1, 1], [0, 1, 1, 0], [2, 0, 1, 3]] {
        for isa in KernelISA.supported {
          let direct = try conv(x, Tensor(taps, shape: [c, 1, 3, 3]), group: c, stride: stride, pads: pads, isa: isa)
          let viaGEMM = try conv(x, Tensor(dense, shape: [c, c, 3, 3]), group: 1, stride: stride, pads: pads, isa: isa)
          assertClose(direct, viaGEMM, rtol: 1e-5, atol: 1e-6, "stride \(stride) pads \(pads) isa \(isa)")
        }
      }
    }
  }
}
