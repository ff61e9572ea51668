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

  func test_LabelMatrix_nonFiniteScoresAreRefusedNamingTheEnvironment() throws {
    var bad = b
    bad[2][3] = .nan
    XCTAssertThrowsError(try LabelMatrix(scores: [("a", a), ("nan-env", bad)])) { error in
      XCTAssertTrue("\(error)".contains("nan-env") && "\(error)".contains("input 2"), "\(error)")
    }
  }
}
