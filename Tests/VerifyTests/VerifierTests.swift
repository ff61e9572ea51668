import ModelGraph
import Verify
import XCTest

final class VerifierTests: XCTestCase {
  let kernel = Tensor(GraphBuilder.values(4 * 3 * 3 * 3, seed: 1), shape: [4, 3, 3, 3])

  func model(pads: [Int64]?, auto: String? = nil, strides: [Int64] = [2, 2]) -> Model {
    var b = GraphBuilder(input: [1, 3, 8, 8])
    b.conv("conv", w: kernel, strides: strides, pads: pads, auto: auto)
    b.add("Relu", "relu")
    return b.finish()
  }

  /// TF "same" with stride 2 on an even input pads only at the end: (0, 0, 1, 1).
  func test_Verify_samePaddingIsComparedByValue() throws {
    let same = model(pads: nil, auto: "SAME_UPPER")
    XCTAssertEqual(try Verifier.verify(source: same, candidate: model(pads: [0, 0, 1, 1])).verdict, .equivalent)
    let symmetric = try Verifier.verify(source: same, candidate: model(pads: [1, 1, 1, 1]))
    XCTAssertEqual(symmetric.verdict, .notEquivalent)
    XCTAssertEqual(symmetric.findings.map(\.subject), ["pads"])
    XCTAssertEqual(symmetric.findings.first?.layer, "conv")
  }

  func test_Verify_foldedBatchNormIsARewriteAndItsEpsilonIsRecovered() throws {
    let gamma = GraphBuilder.values(4, seed: 2).map { $0 + 1.5 }, beta = GraphBuilder.values(4, seed: 3)
    let mean = GraphBuilder.values(4, seed: 4), variance = GraphBuilder.values(4, seed: 5).map { $0 + 1.2 }
    var src = GraphBuilder(input: [1, 3, 8, 8])
    src.conv("conv", w: kernel)
    src.add("BatchNormalization", "bn", weights: [("g", Tensor(gamma, shape: [4])), ("be", Tensor(beta, shape: [4])),
      ("m", Tensor(mean, shape: [4])), ("v", Tensor(variance, shape: [4]))], attributes: ["epsilon": .float(1e-3)])
    func folded(epsilon: Float) -> Model {
      let k = try! XCTUnwrap(kernel.floats())
      let s = (0..<4).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
      let w = k.indices.map { k[$0] * s[$0 / 27] }
      let bias = (0..<4).map { beta[$0] - mean[$0] * s[$0] }
      var c = GraphBuilder(input: [1, 3, 8, 8])
      c.conv("Conv__7", w: Tensor(w, shape: [4, 3, 3, 3]), b: Tensor(bias, shape: [4]))
      return c.finish()
    }
    let good = try Verifier.verify(source: src.finish(), candidate: folded(epsilon: 1e-3))
    XCTAssertEqual(good.verdict, .equivalentWithRewrites, good.text())
    XCTAssertEqual(good.rewrites.map(\.kind), [.batchNormFolded])
    XCTAssertEqual(good.nodeMap.first { $0.layer == "bn" }?.targets.first?.method, .foldedWeights)
    let bad = try Verifier.verify(source: src.finish(), candidate: folded(epsilon: 0.1))
    let finding = try XCTUnwrap(bad.findings.first)
    XCTAssertEqual(finding.kind, .hyperParameterMismatch)
    XCTAssertEqual(finding.layer, "bn")
    XCTAssertEqual(Float(finding.found) ?? 0, 0.1, accuracy: 1e-3)
  }

  func test_Verify_gemmAndMatMulPlusAddAreTheSameDense() throws {
    let w = GraphBuilder.values(6 * 5, seed: 7), bias = GraphBuilder.values(5, seed: 8)
    var a = GraphBuilder(input: [1, 6])
    a.add("Gemm", "fc", weights: [("w", Tensor(w, shape: [6, 5]).transposed2D()), ("b", Tensor(bias, shape: [5]))], attributes: ["transB": .int(1)])
    var b = GraphBuilder(input: [1, 6])
    b.add("MatMul", "fc/MatMul", weights: [("w2", Tensor(w, shape: [6, 5]))])
    b.add("Add", "fc/BiasAdd", weights: [("b2", Tensor(bias, shape: [5]))])
    let report = try Verifier.verify(source: a.finish(), candidate: b.finish())
    // Another spelling of the same layer: listed, but the verdict stays "equivalent".
    XCTAssertEqual(report.verdict, .equivalent, report.text())
    XCTAssertEqual(report.rewrites.map(\.kind), [.denseAsMatMulAdd])
  }

  func test_Verify_reportRoundTripsThroughJSON() throws {
    let report = try Verifier.verify(source: model(pads: nil, auto: "SAME_UPPER"), candidate: model(pads: [1, 1, 1, 1], strides: [1, 1]))
    let decoded = try JSONDecoder().decode(VerifyReport.self, from: report.jsonData())
    XCTAssertEqual(decoded.schema, "deltann.verify/1")
    XCTAssertEqual(decoded.verdict, .notEquivalent)
    XCTAssertEqual(decoded.findings, report.findings)
    let table = report.mapTable().split(separator: "\n")
    XCTAssertTrue(table.count >= 3 && table[2].hasPrefix("conv "), report.mapTable())
  }
}

extension Tensor {
  /// A 2-D tensor's transpose (test helper).
  func transposed2D() -> Tensor {
    let v = floats() ?? []
    let (r, c) = (shape[0], shape[1])
    return Tensor((0..<(r * c)).map { v[($0 % r) * c + $0 / r] }, shape: [c, r])
  }
}
