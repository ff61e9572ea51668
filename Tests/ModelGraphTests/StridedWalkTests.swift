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

  func test_StridedWalk_startedAtAPositionContinuesLikeAWalkAdvancedThatFar() {
    let shape = [3, 1, 4, 2], strides = [17, 5, -3, 2]
    let count = shape.reduce(1, *)
    for position in 0..<count {
      var advanced = StridedWalk(shape: shape, strides: strides, offset: 9)
      for _ in 0..<position { advanced.advance() }
      var started = StridedWalk(shape: shape, strides: strides, offset: 9, position: position)
      for _ in position..<count {
        XCTAssertEqual(started.offset, advanced.offset, "position \(position)")
        started.advance()
        advanced.advance()
      }
    }
  }

  func test_TensorPermuted_movesEachElementToItsPermutedIndex() {
    // Element value = its own row-major index in the input, so each output names its source.
    let shape = [2, 3, 1, 4]
    let input = Tensor((0..<24).map(Float.init), shape: shape)
    let perm = [3, 2, 0, 1]
    let out = input.permuted(perm)
    XCTAssertEqual(out.shape, [4, 1, 2, 3])
    let values = out.floats() ?? []
    XCTAssertEqual(values.count, 24)
    var k = 0
    for a in 0..<4 { for b in 0..<1 { for c in 0..<2 { for d in 0..<3 {
      // Output index (a, b, c, d) is input index (c, d, b, a) over the input's shape [2, 3, 1, 4].
      let source = ((c * 3 + d) * 1 + b) * 4 + a
      XCTAssertEqual(values[k], Float(source), "output \([a, b, c, d])")
      k += 1
    } } } }
    XCTAssertEqual(transpose(input.floats() ?? [], shape: shape, perm: perm), values, "the float transpose agrees")
  }
}
