import ModelGraph
import XCTest

/// The odometer visits every index of a shape in row-major order with the offset Σ index·stride,
/// and wraps to its start after the last index.
final class StridedWalkTests: XCTestCase {
  func test_StridedWalk_offsetsAreTheDotProductOfIndexAndStrides() {
    for (shape, strides, start) in [([2, 3], [1, 2], 0), ([3, 1, 4], [20, 7, 5], 11), ([5], [3], 2), ([2, 2, 2, 3], [-1, 12, 6, 2], 40)] {
      var walk = StridedWalk(shape: shape, strides: strides, offset: start)
      var expected: [Int] = []
      var index = [Int](repeating: 0, count: shape.count)
      for _ in 0..<shape.reduce(1, *) {
        expected.append(start + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 })
        var axis = shape.count - 1
        while axis >= 0 { index[axis] += 1; if index[axis] < shape[axis] { break }; index[axis] = 0; axis -= 1 }
      }
      var seen: [Int] = []
      for _ in expected { seen.append(walk.offset); walk.advance() }
      XCTAssertEqual(seen, expected, "\(shape) \(strides)")
      XCTAssertEqual(walk.offset, start, "wraps to the start after the last index")
    }
  }
}
