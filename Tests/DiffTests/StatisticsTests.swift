@testable import Diff
import XCTest

final class StatisticsTests: XCTestCase {
  func test_ChiSquare_survivalMatchesTables() {
    // Standard table values: χ²(1) 3.841 → 0.05; χ²(2) 5.991 → 0.05; χ²(4) 13.277 → 0.01.
    XCTAssertEqual(chiSquareSurvival(3.841458821, degreesOfFreedom: 1), 0.05, accuracy: 1e-6)
    XCTAssertEqual(chiSquareSurvival(5.991464547, degreesOfFreedom: 2), 0.05, accuracy: 1e-6)
    XCTAssertEqual(chiSquareSurvival(13.27670414, degreesOfFreedom: 4), 0.01, accuracy: 1e-6)
    // χ²(2) has the closed form e^(−x/2).
    for x in [0.1, 1, 7.5, 40] {
      XCTAssertEqual(chiSquareSurvival(x, degreesOfFreedom: 2), exp(-x / 2), accuracy: 1e-12)
    }
  }

  func test_KruskalWallis_matchesScipyOnAKnownSample() {
    // scipy.stats.kruskal([2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0])
    // → statistic 0.7714285714285722, pvalue 0.6799647735788936 (no ties).
    let test = KruskalWallis([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]])
    XCTAssertEqual(test?.h ?? -1, 0.7714285714285722, accuracy: 1e-9)
    XCTAssertEqual(test?.p ?? -1, 0.6799647735788936, accuracy: 1e-9)
  }

  func test_KruskalWallis_separatedGroupsAreSignificantAndTiesAreCorrected() {
    let test = KruskalWallis([[1, 2, 3, 4, 5, 6], [11, 12, 13, 14, 15, 16]])
    XCTAssertLessThan(test?.p ?? 1, 0.05)
    XCTAssertNil(KruskalWallis([[1, 1], [1, 1]]), "all tied: no test")
    XCTAssertNil(KruskalWallis([[1, 2], []]), "one group: no test")
  }
}
