import Diff
import XCTest

final class FirstDivergenceTests: XCTestCase {
  /// A chain `input → a → b → c → d`, with the candidate's values scaled by (1 + e) per layer;
  /// the range-relative error of a layer is then e·max|ref|/range ≈ 0.51·e.
  func chain(_ errors: [Float]) -> [LayerObservation] {
    let names = ["input", "a", "b", "c", "d"]
    let ref: [Float] = (0..<64).map { Float($0) / 8 - 4 }
    return zip(names, errors).enumerated().map { i, pair in
      LayerObservation(layer: pair.0, metrics: TensorMetrics(reference: ref, candidate: ref.map { $0 * (1 + pair.1) }),
                       inputs: i == 0 ? [] : [names[i - 1]])
    }
  }

  func test_firstDivergence_namesTheFirstJumpAndIgnoresLaterDrift() throws {
    let d = try XCTUnwrap(firstDivergence(chain([0, 1e-7, 0.02, 0.05, 0.1])))
    XCTAssertEqual(d.layer, "b")
    XCTAssertEqual(d.reason, .jump)
    XCTAssertGreaterThan(d.growth, 100)
  }

  func test_firstDivergence_noFlagWhenEveryLayerIsWithinTolerance() {
    XCTAssertNil(firstDivergence(chain([0, 1e-7, 2e-7, 1e-6, 3e-6])))
  }

  func test_firstDivergence_faultyInputIsLocalisedAtTheInput() throws {
    XCTAssertEqual(try XCTUnwrap(firstDivergence(chain([0.3, 0.3, 0.3, 0.3, 0.3]))).layer, "input")
  }

  func test_firstDivergence_joinJumpNeedsAllInputsClean() throws {
    let ref: [Float] = (0..<16).map(Float.init)
    func obs(_ name: String, _ e: Float, _ inputs: [String]) -> LayerObservation {
      LayerObservation(layer: name, metrics: TensorMetrics(reference: ref, candidate: ref.map { $0 * (1 + e) }), inputs: inputs)
    }
    // Branch y diverges; the join z reads x (clean) and y (divergent): y is the jump, not z.
    let d = try XCTUnwrap(firstDivergence([obs("x", 0, []), obs("y", 0.1, ["x"]), obs("z", 0.1, ["x", "y"])]))
    XCTAssertEqual(d.layer, "y")
  }
}
