import Pipeline
import XCTest

/// The label-difference matrix against values worked out by hand.
final class LabelMatrixTests: XCTestCase {
  private let a: [[Float]] = [[6, 5, 4, 3, 2, 1], [6, 5, 4, 3, 2, 1], [6, 5, 4, 3, 2, 1], [1, 2, 3, 4, 5, 6]]
  /// Input 0 and 3 the same; input 1 swaps the first two classes (top-1 differs, same top-5 set,
  /// one discordant pair of ten: τ = 0.8); input 2 reverses every score (top-1 and top-5 differ, τ = −1).
  private let b: [[Float]] = [[6, 5, 4, 3, 2, 1], [5, 6, 4, 3, 2, 1], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]]

  func test_LabelMatrix_top1Top5AndKendallTauMatchHandComputedValues() throws {
    let matrix = try LabelMatrix(scores: [("a", a), ("b", b)])
    XCTAssertEqual(matrix.environments, ["a", "b"])
    XCTAssertEqual(matrix.pairs.count, 2)
    for (reference, candidate) in [("a", "b"), ("b", "a")] {
      let pair = try XCTUnwrap(matrix.pair(reference, candidate))
      XCTAssertEqual(pair.inputs, 4)
      XCTAssertEqual(pair.top1DifferenceRate, 0.5)
      XCTAssertEqual(pair.top5DifferenceRate, 0.25)
      XCTAssertEqual(pair.meanKendallTau, (1 + 0.8 - 1 + 1) / 4, accuracy: 1e-6)
      XCTAssertFalse(pair.backgroundClassDropped)
    }
    XCTAssertTrue(matrix.table.contains("50 %"), matrix.table)
  }

  func test_LabelMatrix_backgroundClassOf1001IsDroppedAndOtherMismatchesAreErrors() throws {
    let withBackground = a.map { [9] + $0 }  // class 0 is the background and scores highest
    let matrix = try LabelMatrix(scores: [("tf", withBackground), ("torch", a)])
    let pair = try XCTUnwrap(matrix.pair("tf", "torch"))
    XCTAssertEqual(pair.top1DifferenceRate, 0)
    XCTAssertEqual(pair.meanKendallTau, 1)
    XCTAssertTrue(pair.backgroundClassDropped)
    XCTAssertThrowsError(try LabelMatrix(scores: [("x", a.map { [0, 0] + $0 }), ("y", a)]))
    XCTAssertThrowsError(try LabelMatrix(scores: [("x", a), ("y", Array(a.prefix(3)))]))
  }

  func test_LabelMatrix_nonFiniteScoresCountAsDifferencesOnThatInput() throws {
    // An environment that outputs NaN (input 0) or infinity (input 3) has no label there: both
    // inputs differ from `a` on top-1 and top-5, whatever the other scores say; τ is over inputs 1
    // and 2 (0.8 and −1, worked out above).
    var bad = b
    bad[0][3] = .nan
    bad[3][0] = .infinity
    let matrix = try LabelMatrix(scores: [("a", a), ("nan-env", bad)])
    for (reference, candidate) in [("a", "nan-env"), ("nan-env", "a")] {
      let pair = try XCTUnwrap(matrix.pair(reference, candidate))
      XCTAssertEqual(pair.nonFiniteInputs, 2)
      XCTAssertEqual(pair.top1DifferenceRate, 1.0, "inputs 0 and 3 have no label, 1 and 2 differ")
      XCTAssertEqual(pair.top5DifferenceRate, 0.75, "input 1 keeps its top-5 set")
      XCTAssertEqual(pair.meanKendallTau, (0.8 - 1) / 2, accuracy: 1e-6)
    }
    let allNaN = try LabelMatrix(scores: [("a", a), ("dead", a.map { $0.map { _ in Float.nan } })])
    XCTAssertEqual(try XCTUnwrap(allNaN.pair("a", "dead")).top1DifferenceRate, 1)
    XCTAssertEqual(try XCTUnwrap(allNaN.pair("a", "dead")).meanKendallTau, -1)
  }
}
