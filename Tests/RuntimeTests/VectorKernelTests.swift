import ModelGraph
import XCTest

@testable import Runtime

/// The vector kernels of every instruction-set level this CPU runs (an AVX-512 machine tests
/// AVX2 and AVX-512, an AVX2 machine AVX2, arm64 NEON) against plain double-precision sums, on
/// shapes that hit every edge of their blocking (rows not a multiple of 8 or 4, columns not a
/// multiple of the vector width or the panel, depths across the 128-deep blocks), against the
/// portable path, against each other, and the column-split invariance `--threads` relies on.
final class VectorKernelTests: XCTestCase {
  /// Every level with vector kernels here.
  var levels: [VectorKernels] { KernelISA.supported.compactMap(VectorKernels.init) }

  override func setUpWithError() throws {
    #if arch(x86_64)
    XCTAssertTrue(KernelISA.supported.contains(.avx2) || !levels.isEmpty, "x86-64 without AVX2")
    if levels.isEmpty { throw XCTSkip("this x86-64 CPU has neither AVX2+FMA nor AVX-512: only the portable code runs") }
    #else
    XCTAssertFalse(levels.isEmpty, "arm64 always has NEON kernels")
    #endif
  }

  func test_KernelISA_levelsThisCPURuns() {
    print("instruction-set levels here: \(KernelISA.supported.map(\.rawValue)), best \(KernelISA.best)")
    XCTAssertEqual(KernelISA.supported.first, .portable)
    XCTAssertTrue(KernelISA.supported.contains(KernelISA.best))
    #if arch(x86_64)
    XCTAssertFalse(KernelISA.supported.contains(.neon))
    if KernelISA.supported.contains(.avx512) { XCTAssertTrue(KernelISA.supported.contains(.avx2), "AVX-512 CPUs have AVX2") }
    #elseif arch(arm64)
    XCTAssertEqual(KernelISA.best, .neon)
    #endif
  }

  func test_KernelISA_environmentOverride() throws {
    for isa in KernelISA.supported {
      XCTAssertEqual(try KernelISA.preferred(environment: ["DELTANN_ISA": isa.rawValue]), isa)
    }
    XCTAssertEqual(try KernelISA.preferred(environment: [:]), KernelISA.best)
    XCTAssertThrowsError(try KernelISA.preferred(environment: ["DELTANN_ISA": "sse9"])) { error in
      XCTAssertTrue("\(error)".contains("sse9"), "\(error)")
    }
    for missing in KernelISA.allCases where !KernelISA.supported.contains(missing) {
      XCTAssertThrowsError(try KernelISA.preferred(environment: ["DELTANN_ISA": missing.rawValue]))
    }
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
  func gemm(_ level: VectorKernels, _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, bias: [Float]?, scale: [Float]?,
            _ act: Activation?, rows: [Range<Int>]? = nil, columns: [Range<Int>]) -> (output: [Float], beforeActivation: [Float]) {
    var c = [Float](repeating: .nan, count: m * n), scaled = c
    a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
      c.withUnsafeMutableBufferPointer { cp in scaled.withUnsafeMutableBufferPointer { sp in
        let packed = VectorKernels.PackedMatrix(ap.baseAddress!, lda: k, rows: m, depth: k)
        bias.withPointer { biasp in scale.withPointer { scalep in
          for rowRange in rows ?? [0..<m] {
            for cols in columns {
              let epilogue = VectorKernels.Epilogue(bias: biasp, scale: scalep, activation: act, biased: nil,
                                                    scaled: sp.baseAddress! + cols.lowerBound)
              level.gemm(packed, rows: rowRange, n: cols.count, b: bp.baseAddress! + cols.lowerBound, ldb: n,
                         c: cp.baseAddress! + cols.lowerBound, ldc: n, epilogue: epilogue)
            }
          }
        } }
      } }
    } }
    return (c, scaled)
  }

  /// The largest |a − b|, NaN when either holds a NaN or the counts differ (so NaN never passes).
  func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    guard a.count == b.count else { return .nan }
    var worst: Float = 0
    for (x, y) in zip(a, b) {
      let d = abs(x - y)
      if d.isNaN { return .nan }
      worst = max(worst, d)
    }
    return worst
  }

  func test_VectorGEMM_matchesDoubleSumsOnEveryEdge() {
    let activations: [Activation?] = [nil, .relu, .clip(low: -0.2, high: 0.25), .leakyRelu(alpha: 0.1)]
    var cases = 0
    for level in levels {
      var r = Random(state: 3)
      for (m, n, k) in [(1, 1, 1), (8, 48, 128), (7, 49, 129), (17, 100, 300), (33, 16, 5), (9, 800, 27), (24, 1537, 64),
                        (5, 27, 3), (4, 23, 130), (13, 3, 17)] {
        let a = r.values(m * k), b = r.values(k * n), bias = r.values(m), scale = r.values(m)
        for (i, act) in activations.enumerated() {
          let withBias = i % 2 == 0 ? bias : nil, withScale = i < 2 ? scale : nil
          let expected = reference(a, b, m: m, n: n, k: k, bias: withBias, scale: withScale, act)
          let got = gemm(level, a, b, m: m, n: n, k: k, bias: withBias, scale: withScale, act, columns: [0..<n])
          let tolerance = 1e-5 * Float(k).squareRoot() + 1e-6
          let worst = maxAbsDifference(got.output, expected)
          XCTAssertLessThanOrEqual(worst, tolerance, "\(level.isa) m \(m) n \(n) k \(k) act \(String(describing: act))")
          XCTAssertEqual(got.beforeActivation.map { act?.apply($0) ?? $0 }, got.output, "\(level.isa): the kept pre-activation value")
          cases += 1
        }
      }
    }
    XCTAssertEqual(cases, 40 * levels.count)
  }

  /// Levels differ in width and tile, never in the order of an element's sums, so their results
  /// may differ only within float tolerance; in practice they are the same bits. Checked on
  /// shapes whose columns fall on every level's remainder path.
  func test_VectorGEMM_levelsAgreeWithEachOther() throws {
    guard let first = levels.first else { return }
    var r = Random(state: 21)
    for (m, n, k) in [(9, 61, 200), (16, 250, 33), (3, 7, 1)] {
      let a = r.values(m * k), b = r.values(k * n), bias = r.values(m)
      let base = gemm(first, a, b, m: m, n: n, k: k, bias: bias, scale: nil, .relu, columns: [0..<n])
      for level in levels.dropFirst() {
        let other = gemm(level, a, b, m: m, n: n, k: k, bias: bias, scale: nil, .relu, columns: [0..<n])
        let worst = maxAbsDifference(base.output, other.output)
        print("GEMM \(first.isa) vs \(level.isa), m \(m) n \(n) k \(k): max |diff| \(worst)")
        XCTAssertLessThanOrEqual(worst, 1e-5 * Float(k).squareRoot(), "\(first.isa) vs \(level.isa)")
      }
    }
  }

  func test_VectorGEMM_rowAndColumnSplitsGiveIdenticalBits() {
    for level in levels {
      var r = Random(state: 5)
      let (m, n, k) = (19, 301, 260)
      let a = r.values(m * k), b = r.values(k * n), bias = r.values(m)
      let whole = gemm(level, a, b, m: m, n: n, k: k, bias: bias, scale: nil, .relu, columns: [0..<n])
      let split = gemm(level, a, b, m: m, n: n, k: k, bias: bias, scale: nil, .relu, columns: [0..<97, 97..<150, 150..<n])
      XCTAssertEqual(whole.output, split.output, "\(level.isa)")
      XCTAssertEqual(whole.beforeActivation, split.beforeActivation, "\(level.isa)")
      // Rows split on packed blocks (how late layers with few columns are shared among threads).
      let byRows = gemm(level, a, b, m: m, n: n, k: k, bias: bias, scale: nil, .relu, rows: [0..<8, 8..<16, 16..<m],
                        columns: [0..<n])
      XCTAssertEqual(whole.output, byRows.output, "\(level.isa) split by rows")
      XCTAssertEqual(whole.beforeActivation, byRows.beforeActivation, "\(level.isa) split by rows")
    }
  }

  /// `conv` at every vector level (on `threads`) against the portable path on one thread.
  func assertVectorMatchesPortable(_ conv: Conv, _ inputs: [Tensor?], _ fusion: ConvFusion, threads: Int, _ message: String) throws {
    let portable = try conv.run(inputs, fusion: fusion, context: KernelContext(threads: 1, isa: .portable))[0]
    for level in levels {
      let vector = try conv.run(inputs, fusion: fusion, context: KernelContext(threads: threads, isa: level.isa))[0]
      XCTAssertEqual(vector.shape, portable.shape, message)
      let diff = maxAbsDifference(try XCTUnwrap(vector.floats()), try XCTUnwrap(portable.floats()))
      XCTAssertLessThanOrEqual(diff, 1e-5, "\(level.isa): \(message)")
    }
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
      let scalar = try pool.run([x], context: KernelContext(threads: 1, isa: .portable))[0]
      for level in levels {
        let vector = try pool.run([x], context: KernelContext(threads: 1, isa: level.isa))[0]
        XCTAssertEqual(vector.shape, scalar.shape)
        XCTAssertEqual(vector.bytes.elementsEqual(scalar.bytes), true,
                       "\(level.isa) kernel \(kernel) stride \(stride) pads \(pads) ceil \(ceil)")
        cases += 1
      }
    }
    XCTAssertEqual(cases, 6 * levels.count)
  }
}
