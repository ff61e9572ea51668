import Diff
import XCTest

/// Drift that correct executions also show is not a divergence; a layer far above its floor is
/// (on `FirstDivergenceTests`' chain).
extension FirstDivergenceTests {
  /// Deep layers drift by up to 6e-4 in a correct conversion (floor 3e-4 range-relative); the
  /// same drift in the candidate is not flagged, just under four times the floor still is not, ten times is.
  func test_NoiseFloor_driftAtTheFloorIsNoDivergenceAFaultAboveItIs() throws {
    let floor = NoiseFloor(perLayer: ["c": 3e-4, "d": 3e-4], factor: 4, measuredOn: "ours")
    let drift = chain([0, 0, 0, 6e-4, 6e-4])
    XCTAssertNotNil(firstDivergence(drift), "the fixed threshold alone flags the drift")
    XCTAssertNil(firstDivergence(drift, floor: floor))
    XCTAssertNil(firstDivergence(chain([0, 0, 0, 2.2e-3, 2.2e-3]), floor: floor))
    let fault = try XCTUnwrap(firstDivergence(chain([0, 0, 0, 6e-3, 6e-3]), floor: floor))
    XCTAssertEqual(fault.layer, "c")
    // A layer without a floor keeps the policy's own threshold.
    XCTAssertEqual(try XCTUnwrap(firstDivergence(chain([0, 0, 6e-4, 6e-4, 6e-4]), floor: floor)).layer, "b")
  }

  /// The floor never lowers the user's threshold, and leaves non-range policies alone.
  func test_NoiseFloor_onlyRaisesRangeRelativeThresholds() {
    let floor = NoiseFloor(perLayer: ["a": 1e-9], measuredOn: "ours")
    XCTAssertEqual(floor.policy(.rangeRelative(maximum: 1e-4), layer: "a"), .rangeRelative(maximum: 1e-4))
    XCTAssertEqual(floor.policy(.cosine(minimum: 0.99), layer: "a"), .cosine(minimum: 0.99))
    XCTAssertEqual(NoiseFloor(perLayer: ["a": 1e-3], measuredOn: "ours").policy(.rangeRelative(maximum: 1e-4), layer: "a"),
                   .rangeRelative(maximum: 4e-3))
  }
}
