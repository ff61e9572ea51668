import ModelGraph
import XCTest

@testable import Runtime

/// The AVX-512 kernels against plain double-precision sums, on shapes that hit every edge of
/// their blocking (rows not a multiple of 8, columns not a multiple of 16 or 48, depths across
/// the 128-deep blocks), and the column-split invariance `--threads` relies on.
final class VectorKernelTests: XCTestCase {
  override func setUpWithError() throws {
    guard VectorKernels.available else { throw XCTSkip("this CPU lacks AVX-512: the vector kernels are not used here") }
  }

  struct Random {
    var state: UInt64
    mutating func next() -> Float {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Float(state >> 40) / Float(1 << 24) - 0.5
    }
    mutating func values(_ n: Int) -> [Float] { (0..<n).map { _ in next() } }
  }

  func reference(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, bias: [Float]?, scale: [Float]?, _ act: Activation?) -> [Float] {
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k { s += Double(a[i * k + p]) * Double(b[p * n + j]) }
        var v = Float(s + Double(bias?[i] ?? 0)) * (scale?[i] ?? 1)
        if let act { v = act.apply(v) }
        c[i * n + j] = v
      }
    }
    return c
  }

  /// The vector GEMM's output, and its value before the activation (the epilogue's `scaled`).
  func gemm(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, bias: [Float]?, scale: [Float]?, _ act: Activation?,
            columns: [Range<Int>]) -> (output: [Float], beforeActivation: [Float]) {
    var c = [Float](repeating: .nan, count: m * n), scaled = c
    a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
      c.withUnsafeMutableBufferPointer { cp in scaled.withUnsafeMutableBufferPointer { sp in
        let packed = VectorKernels.PackedMatrix(ap.baseAddress!, lda: k, rows: m, depth: k)
        bias.withPointer { biasp in scale.withPointer { scalep in
          for cols in columns {
            let epilogue = VectorKernels.Epilogue(bias: biasp, scale: scalep, activation: act, biased: nil,
                                                  scaled: sp.baseAddress! + cols.lowerBound)
            VectorKernels.gemm(packed, n: cols.count, b: bp.baseAddress! + cols.lowerBound, ldb: n,
                               c: cp.baseAddress! + cols.lowerBound, ldc: n, epilogue: epilogue)
          }
        } }
      } }
    } }
    return (c, scaled)
  }

  func test_VectorGEMM_matchesDoubleSumsOnEveryEdge() {
    var r = Random(state: 3)
    let activations: [Activation?] = [nil, .relu, .clip(low: -0.2, high: 0.25), .leakyRelu(alpha: 0.1)]
    var cases = 0
    for (m, n, k) in [(1, 1, 1), (8, 48, 128), (7, 49, 129), (17, 100, 300), (33, 16, 5), (9, 800, 27), (24, 1537, 64)] {
      let a = r.values(m * k), b = r.values(k * n), bias = r.values(m), scale = r.values(m)
      for (i, act) in activations.enumerated() {
        let withBias = i % 2 == 0 ? bias : nil, withScale = i < 2 ? scale : nil
        let expected = reference(a, b, m: m, n: n, k: k, bias: withBias, scale: withScale, act)
        let got = gemm(a, b, m: m, n: n, k: k, bias: withBias, scale: withScale, act, columns: [0..<n])
        let tolerance = 1e-5 * Float(k).squareRoot() + 1e-6
        let worst = zip(got.output, expected).map { abs($0 - $1) }.max() ?? .nan
        XCTAssertLessThanOrEqual(worst, tolerance, "m \(m) n \(n) k \(k) act \(String(describing: act))")
        XCTAssertEqual(got.beforeActivation.map { act?.apply($0) ?? $0 }, got.output, "the kept pre-activation value")
        cases += 1
      }
    }
    XCTAssertEqual(cases, 28)
  }

  func test_VectorGEMM_columnSplitsGiveIdenticalBits() {
    var r = Random(state: 5)
    let (m, n, k) = (19, 301, 260)
    let a = r.values(m * k), b = r.values(k * n), bias = r.values(m)
    let whole = gemm(a, b, m: m, n: n, k: k, bias: bias, scale: nil, .relu, columns: [0..<n])
    let split = gemm(a, b, m: m, n: n, k: k, bias: bias, scale: nil, .relu, columns: [0..<97, 97..<150, 150..<n])
    XCTAssertEqual(whole.output, split.output)
    XCTAssertEqual(whole.beforeActivation, split.beforeActivation)
  }

  /// `conv` with the vector kernels (on `threads`) against the portable path on one thread.
  func assertVectorMatchesPortable(_ conv: Conv, _ inputs: [Tensor?], _ fusion: ConvFusion, threads: Int, _ message: String) throws {
    let vector = try conv.run(inputs, fusion: fusion, context: KernelContext(threads: threads))[0]
    let portable = try conv.run(inputs, fusion: fusion, context: KernelContext(threads: 1, vectorKernels: false))[0]
    XCTAssertEqual(vector.shape, portable.shape, message)
    let diff = zip(vector.floats() ?? [], portable.floats() ?? []).map { abs($0 - $1) }.max() ?? .nan
    XCTAssertLessThanOrEqual(diff, 1e-5, message)
  }

  func test_VectorDepthwise_matchesPortableCode() throws {
    var r = Random(state: 9)
    let (c, h, w) = (3, 23, 41)
    let x = Tensor(r.values(c * h * w), shape: [1, c, h, w]), weights = Tensor(r.values(c * 9), shape: [c, 1, 3, 3])
    let bias = Tensor(r.values(c), shape: [c])
    for stride in [1, 2] {
      for pads in [[0, 0, 0, 0], [1, 1, 1, 1], [0, 2, 1, 0], [2, 0, 0, 3]] {
        let node = Node(name: "dw", opType: "Conv", inputs: ["x", "w", "b"], outputs: ["y"],
                        attributes: ["group": .int(Int64(c)), "strides": .ints([Int64(stride), Int64(stride)]),
                                     "pads": .ints(pads.map(Int64.init))])
        let conv = try Conv(node: node, opset: 17)
        let fusion = ConvFusion(pads: [1, 0, 2, 1], scale: [0.5, -2, 3], activation: .clip(low: -0.3, high: 0.4))
        for f in [ConvFusion(), fusion] {
          try assertVectorMatchesPortable(conv, [x, weights, bias], f, threads: 1, "stride \(stride) pads \(pads) fused \(f.pads != nil)")
        }
      }
    }
  }

  /// Convolutions read in place (any kernel, stride, dilation, padding, groups, 1-D to 3-D)
  /// against the portable im2col + BLAS path that the ONNX node suite validates.
  func test_VectorConvolution_matchesPortablePath() throws {
    var r = Random(state: 13)
    var cases = 0
    for (spatial, kernel, strides, dilations, pads, group) in [
      ([13, 17], [3, 3], [1, 1], [1, 1], [1, 1, 1, 1], 1),
      ([13, 17], [7, 7], [2, 2], [1, 1], [3, 3, 3, 3], 1),
      ([12, 15], [3, 2], [3, 2], [1, 1], [2, 0, 1, 1], 1),
      ([16, 16], [3, 3], [1, 1], [2, 2], [2, 2, 2, 2], 2),
      ([9, 50], [1, 1], [2, 2], [1, 1], [0, 0, 0, 0], 1),
      ([9, 50], [1, 1], [1, 1], [1, 1], [1, 0, 0, 1], 1),
      ([31], [5], [2], [1], [2, 2], 1),
      ([5, 6, 7], [3, 3, 3], [1, 2, 1], [1, 1, 1], [1, 1, 1, 1, 1, 1], 1),
    ] {
      let (channels, outputs) = (6, 10)
      let x = Tensor(r.values(2 * channels * spatial.reduce(1, *)), shape: [2, channels] + spatial)
      let w = Tensor(r.values(outputs * channels / group * kernel.reduce(1, *)), shape: [outputs, channels / group] + kernel)
      let b = Tensor(r.values(outputs), shape: [outputs])
      let node = Node(name: "conv", opType: "Conv", inputs: ["x", "w", "b"], outputs: ["y"], attributes: [
        "group": .int(Int64(group)), "strides": .ints(strides.map(Int64.init)),
        "dilations": .ints(dilations.map(Int64.init)), "pads": .ints(pads.map(Int64.init)),
      ])
      let conv = try Conv(node: node, opset: 17)
      let fusion = ConvFusion(scale: r.values(outputs), activation: .leakyRelu(alpha: 0.3))
      for f in [ConvFusion(), fusion] {
        try assertVectorMatchesPortable(conv, [x, w, b], f, threads: 2, "spatial \(spatial) kernel \(kernel) strides \(strides) group \(group)")
        cases += 1
      }
    }
    XCTAssertEqual(cases, 16)
  }

  /// Max pooling: the vector kernel against the scalar one, bit for bit, with NaN and signed
  /// zeros in the data (NaN never wins; of equal zeros the later one does).
  func test_VectorMaxPool_matchesScalarBitForBit() throws {
    var r = Random(state: 17)
    var values = r.values(2 * 3 * 21 * 37)
    for i in stride(from: 0, to: values.count, by: 11) { values[i] = 0 }
    for i in stride(from: 5, to: values.count, by: 13) { values[i] = -0.0 }
    for i in stride(from: 7, to: values.count, by: 29) { values[i] = .nan }
    let x = Tensor(values, shape: [2, 3, 21, 37])
    var cases = 0
    for (kernel, stride, pads, ceil) in [
      ([3, 3], 2, [0, 0, 1, 1], 0), ([3, 3], 2, [1, 1, 1, 1], 1), ([1, 1], 2, [0, 0, 0, 0], 0),
      ([2, 2], 1, [0, 0, 0, 0], 0), ([3, 5], 1, [1, 2, 1, 2], 0), ([3, 3], 2, [0, 0, 0, 0], 1),
    ] {
      let node = Node(name: "pool", opType: "MaxPool", inputs: ["x"], outputs: ["y"], attributes: [
        "kernel_shape": .ints(kernel.map(Int64.init)), "strides": .ints([Int64(stride), Int64(stride)]),
        "pads": .ints(pads.map(Int64.init)), "ceil_mode": .int(Int64(ceil)),
      ])
      let pool = try MaxPool(node: node, opset: 12)
      let vector = try pool.run([x], context: KernelContext(threads: 1))[0]
      let scalar = try pool.run([x], context: KernelContext(threads: 1, vectorKernels: false))[0]
      XCTAssertEqual(vector.shape, scalar.shape)
      XCTAssertEqual(vector.bytes.elementsEqual(scalar.bytes), true, "kernel \(kernel) stride \(stride) pads \(pads) ceil \(ceil)")
      cases += 1
    }
    XCTAssertEqual(cases, 6)
  }
}
