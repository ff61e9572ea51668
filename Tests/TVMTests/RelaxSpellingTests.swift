import XCTest
@testable import TVM

final class RelaxSpellingTests: XCTestCase {
  func test_RelaxSpelling_identifiersArePythonNames() {
    XCTAssertEqual(RelaxSpelling.identifier("Conv1/W"), "Conv1_W")
    XCTAssertEqual(RelaxSpelling.identifier("model/conv:0"), "model_conv_0")
    XCTAssertEqual(RelaxSpelling.identifier("1x1"), "v_1x1")
    XCTAssertEqual(RelaxSpelling.identifier("lambda"), "lambda_")
    XCTAssertEqual(RelaxSpelling.identifier("R"), "R_")
    XCTAssertEqual(RelaxSpelling.identifier("é"), "_")
  }

  func test_RelaxSpelling_infinityIsTheLargestFloatAndNaNHasNoSpelling() {
    XCTAssertEqual(RelaxSpelling.float(-.infinity), "-3.4028234663852886e+38")
    XCTAssertEqual(RelaxSpelling.float(.infinity), "3.4028234663852886e+38")
    XCTAssertNil(RelaxSpelling.float(.nan))
    XCTAssertEqual(RelaxSpelling.float(6), "6.0")
    XCTAssertEqual(RelaxSpelling.float(0.001).flatMap(Float.init), Float(0.001))  // reads back exactly
  }
}
