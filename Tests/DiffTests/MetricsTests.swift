import Diff
import XCTest

final class MetricsTests: XCTestCase {
  func test_TensorMetrics_identicalTensorsHaveNoError() {
    let x: [Float] = [1, -2, 3.5, 0]
    let m = TensorMetrics(reference: x, candidate: x)
    XCTAssertEqual(m.maxAbs, 0)
    XCTAssertEqual(m.relativeL2, 0)
    XCTAssertEqual(m.cosine, 1, accuracy: 1e-6)
    XCTAssertEqual(m.sqnr, .infinity)
    XCTAssertEqual(m.outOfTolerance, 0)
    XCTAssertTrue(Comparison.polygraphy.passes(m))
  }

  func test_TensorMetrics_matchesHandComputedDefinitions() {
    // r = [3, 4], c = [3, 5]: diff = [0, 1]; ‖r‖ = 5; cos = (9+20)/(5·√34).
    let m = TensorMetrics(reference: [3, 4], candidate: [3, 5])
    XCTAssertEqual(m.maxAbs, 1)
    XCTAssertEqual(m.meanAbs, 0.5)
    XCTAssertEqual(m.relativeL2, 0.2, accuracy: 1e-7)
    XCTAssertEqual(m.cosine, Float(29 / (5 * 34.0.squareRoot())), accuracy: 1e-6)
    XCTAssertEqual(m.sqnr, Float(10 * log10(25.0)), accuracy: 1e-5)
    XCTAssertEqual(m.rangeRelativeMaxAbs, 1)
  }

  func test_Comparison_elementwiseFailsOnlyWhereBothTolerancesAreExceeded() {
    // |d| = 0.5 on a value of 1000: above atol, below rtol·|r| = 1 → passes (Polygraphy's rule).
    let big = TensorMetrics(reference: [1000], candidate: [1000.5], atol: 1e-5, rtol: 1e-3)
    XCTAssertEqual(big.outOfTolerance, 0)
    // |d| = 0.5 on a value of 1: above both → fails, and the loosest passing atol is reported.
    let small = TensorMetrics(reference: [1], candidate: [1.5], atol: 1e-5, rtol: 1e-3)
    XCTAssertEqual(small.outOfTolerance, 1)
    let policy = Comparison.elementwise(atol: 1e-5, rtol: 1e-3)
    XCTAssertFalse(policy.passes(small))
    XCTAssertEqual(policy.wouldPass(small), .elementwise(atol: 0.5, rtol: 1e-3))
  }

  func test_TensorMetrics_nanInOnlyOneSideIsCountedAsMismatch() {
    let m = TensorMetrics(reference: [1, .nan, 2], candidate: [1, 0, 2])
    XCTAssertEqual(m.nonFiniteMismatches, 1)
    XCTAssertEqual(m.outOfTolerance, 1)
    XCTAssertEqual(TensorMetrics(reference: [.nan], candidate: [.nan]).outOfTolerance, 0)
    // The summary numbers say so too: a candidate of NaNs is no perfect match.
    let allNaN = TensorMetrics(reference: [1, 2, 3], candidate: [.nan, .nan, .nan])
    XCTAssertEqual(allNaN.maxAbs, .infinity)
    XCTAssertEqual(allNaN.relativeL2, .infinity)
    XCTAssertEqual(allNaN.cosine, 0)
    XCTAssertEqual(allNaN.rangeRelativeMaxAbs, .infinity)
    // Every policy fails a tensor that turned NaN, even where the finite part agrees exactly.
    for policy in [Comparison.polygraphy, .layerDefault, .cosine(minimum: 0.999)] {
      XCTAssertFalse(policy.passes(m), "\(policy)")
      XCTAssertEqual(policy.measure(m), .infinity)
    }
  }

  func test_LabelAgreement_topKAndKendallTau() {
    let ref: [Float] = [0.1, 0.5, 0.2, 0.05, 0.1, 0.05]
    let same = LabelAgreement(reference: ref, candidate: ref.map { $0 * 2 })
    XCTAssertTrue(same.top1Agrees)
    XCTAssertEqual(same.kendallTau, 1)
    let swapped = LabelAgreement(reference: ref, candidate: [0.1, 0.2, 0.5, 0.05, 0.1, 0.05])
    XCTAssertFalse(swapped.top1Agrees)
    XCTAssertEqual(swapped.candidateTop1, 2)
    XCTAssertEqual(swapped.top5Overlap, 5)
    XCTAssertLessThan(swapped.kendallTau, 1)
    XCTAssertEqual(kendallTau([1, 2, 3], [3, 2, 1]), -1)
  }
}
