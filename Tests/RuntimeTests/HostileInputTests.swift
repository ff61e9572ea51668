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

  /// A window attribute of 2^31 or 2^40 would size an output of 2^62+ elements (or overflow):
  /// a typed error before anything is allocated.
  func test_Conv_hugeWindowAttributesAreTypedErrors() {
    let x = Tensor([Float](repeating: 1, count: 2 * 5 * 5), shape: [1, 2, 5, 5])
    let w = Tensor([Float](repeating: 1, count: 3 * 2 * 3 * 3), shape: [3, 2, 3, 3])
    for big: Int64 in [1 << 31, 1 << 40, .max] {
      assertShapeError("Conv", [x, w], ["pads": .ints([big, big, big, big])])
      assertShapeError("Conv", [x, w], ["pads": .ints([0, 0, big, big])])
      assertShapeError("Conv", [x, w], ["dilations": .ints([big, big])])
      assertShapeError("MaxPool", [x], ["kernel_shape": .ints([3, 3]), "pads": .ints([big, big, big, big])])
      assertShapeError("AveragePool", [x], ["kernel_shape": .ints([big, big]), "pads": .ints([big, big, big, big])])
    }
    // A stride far beyond the input is legal and gives one output position; beyond 32 bits it
    // is refused (the vector kernels' geometry is 32-bit), not truncated.
    XCTAssertEqual(try runKernel("Conv", [x, w], ["strides": .ints([1 << 20, 1 << 20])])[0].shape, [1, 3, 1, 1])
    assertShapeError("Conv", [x, w], ["strides": .ints([1 << 40, 1 << 40])])
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
