import ModelGraph
import XCTest

@testable import Runtime

/// Shape, index and count inputs come from model files: values that would overflow, trap or
/// allocate absurdly must be typed errors, never crashes.
final class HostileInputTests: XCTestCase {
  let x = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
  func ints(_ v: [Int64]) -> Tensor { Tensor(int64: v, shape: [v.count]) }

  func assertShapeError(_ op: String, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:],
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try runKernel(op, inputs, attributes), op, file: file, line: line) { error in
      guard let e = error as? RuntimeError else { return XCTFail("\(op): untyped \(error)", file: file, line: line) }
      switch e {
      case .shape, .attribute: break
      default: XCTFail("\(op): \(e)", file: file, line: line)
      }
    }
  }

  func test_Ops_overflowingShapesAreTypedErrors() {
    let huge = Int64(1) << 40
    assertShapeError("Reshape", [x, ints([huge, huge, -1])])
    assertShapeError("Reshape", [x, ints([-2, -3])])
    assertShapeError("ConstantOfShape", [ints([huge, huge])])
    assertShapeError("ConstantOfShape", [ints([-1])])
    assertShapeError("Expand", [x, ints([huge, huge, 3])])
    assertShapeError("Tile", [x, ints([huge, huge])])
    assertShapeError("Pad", [x, ints([0, .max, 0, 0])])
    assertShapeError("Pad", [x, ints([0, .min, 0, 0])])
    assertShapeError("Range", [Tensor(int64: [0], shape: []), Tensor(int64: [.max], shape: []), Tensor(int64: [1], shape: [])])
    assertShapeError("Gather", [x, ints([7])])
    assertShapeError("Transpose", [x], ["perm": .ints([0, 0])])
    assertShapeError("Squeeze", [x, ints([0])])
  }

  /// numpy: `np.arange(6).reshape(2, 3)[:, 0:5:2**63-1]` has one column, `[::-(2**63)]` one.
  func test_Slice_extremeStepsFollowNumpy() throws {
    let big = try runKernel("Slice", [x, ints([0]), ints([5]), ints([1]), ints([.max])])[0]
    XCTAssertEqual(big.shape, [2, 1])
    XCTAssertEqual(big.floats(), [1, 4])
    let back = try runKernel("Slice", [x, ints([-1]), ints([.min]), ints([1]), ints([.min])])[0]
    XCTAssertEqual(back.floats(), [3, 6])
  }
}
