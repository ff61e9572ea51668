import ModelGraph
import TestSupport
import XCTest

@testable import Runtime

/// Round-trip properties of the data-movement kernels, swept over shapes and dtypes; each
/// failure names the case. Values are arbitrary: the truth is the input coming back unchanged.
final class ShapeOpPropertyTests: XCTestCase {
  func run(_ op: String, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:], outputs: Int = 1) throws -> [Tensor] {
    try runKernel(op, inputs, attributes, outputs: outputs)
  }

  let shapes: [[Int]] = [[], [5], [2, 3], [1, 4, 1], [2, 3, 4], [2, 1, 3, 2], [3, 0, 2]]

  func sample(_ shape: [Int], _ dtype: DType) -> Tensor {
    let values = (0..<shape.reduce(1, *)).map { Int64($0 * 7 % 11 - 5) }
    return Tensor.numbers(values, dtype: dtype, shape: shape)
  }

  func test_Transpose_inversePermutationRestoresInput() throws {
    for shape in shapes where shape.count > 1 {
      for dtype in [DType.float32, .int64, .uint8, .float16] {
        let x = sample(shape, dtype)
        let perm = Array(shape.indices.reversed().dropFirst()) + [shape.count - 1]
        let inverse = shape.indices.map { i in perm.firstIndex(of: i) ?? 0 }
        let y = try run("Transpose", [x], ["perm": .ints(perm.map(Int64.init))])[0]
        XCTAssertEqual(y.shape, perm.map { shape[$0] }, "\(shape) \(perm)")
        let back = try run("Transpose", [y], ["perm": .ints(inverse.map(Int64.init))])[0]
        XCTAssertEqual(back, x, "\(shape) \(dtype) perm \(perm)")
      }
    }
  }

  func test_Reshape_roundTripKeepsElements() throws {
    for shape in shapes {
      let x = sample(shape, .float32)
      let flat = try run("Reshape", [x, Tensor(int64: [-1], shape: [1])])[0]
      XCTAssertEqual(flat.shape, [x.elementCount])
      // allowzero: a 0 in the target is a real 0, not "copy the input's dimension".
      let back = try run("Reshape", [flat, Tensor(int64: shape.map(Int64.init), shape: [shape.count])], ["allowzero": .int(1)])[0]
      XCTAssertEqual(back, x, "\(shape)")
    }
  }

  func test_Split_thenConcatRestoresInput() throws {
    for shape in shapes where !shape.isEmpty {
      for axis in shape.indices where shape[axis] >= 2 {
        let x = sample(shape, .int32)
        let sizes = [1, shape[axis] - 1]
        let parts = try run("Split", [x, Tensor(int64: sizes.map(Int64.init), shape: [2])], ["axis": .int(Int64(axis))], outputs: 2)
        XCTAssertEqual(parts.map { $0.shape[axis] }, sizes)
        let back = try run("Concat", parts.map { $0 }, ["axis": .int(Int64(axis - shape.count))])[0]
        XCTAssertEqual(back, x, "\(shape) axis \(axis)")
      }
    }
  }

  func test_Slice_reversedTwiceRestoresInput() throws {
    for shape in shapes where !shape.isEmpty {
      let x = sample(shape, .float32)
      let n = shape.count
      let args = [Tensor(int64: Array(repeating: -1, count: n), shape: [n]),
                  Tensor(int64: Array(repeating: Int64.min, count: n), shape: [n]),
                  Tensor(int64: (0..<n).map(Int64.init), shape: [n]),
                  Tensor(int64: Array(repeating: -1, count: n), shape: [n])]
      let reversed = try run("Slice", [x] + args)[0]
      XCTAssertEqual(reversed.shape, shape)
      XCTAssertEqual(try run("Slice", [reversed] + args)[0], x, "\(shape)")
    }
  }

  func test_Pad_thenSliceRestoresInput() throws {
    for shape in shapes where !shape.isEmpty && !shape.contains(0) {
      for mode in ["constant", "reflect", "edge"] where mode == "constant" || shape.allSatisfy({ $0 > 1 }) {
        let x = sample(shape, .int64)
        let n = shape.count
        let pads = (0..<2 * n).map { Int64($0 % 2 + 1) }
        let y = try run("Pad", [x, Tensor(int64: pads, shape: [2 * n])], ["mode": .string(mode)])[0]
        XCTAssertEqual(y.shape, shape.indices.map { shape[$0] + Int(pads[$0] + pads[$0 + n]) })
        let back = try run("Slice", [y, Tensor(int64: Array(pads[..<n]), shape: [n]),
                                     Tensor(int64: shape.indices.map { Int64(shape[$0]) + pads[$0] }, shape: [n])])[0]
        XCTAssertEqual(back, x, "\(shape) \(mode)")
      }
    }
  }

  func test_Tile_equalsConcatOfCopies() throws {
    for shape in shapes where !shape.isEmpty {
      let x = sample(shape, .float32)
      let repeats = shape.indices.map { $0 == 0 ? Int64(3) : 1 }
      let tiled = try run("Tile", [x, Tensor(int64: repeats, shape: [shape.count])])[0]
      XCTAssertEqual(tiled, try run("Concat", [x, x, x], ["axis": .int(0)])[0], "\(shape)")
    }
  }

  func test_Expand_matchesBroadcastingAdd() throws {
    let cases: [([Int], [Int])] = [([3], [2, 3]), ([2, 1], [2, 4]), ([1, 3, 1], [2, 1, 5]), ([], [2, 2])]
    for (shape, target) in cases {
      let x = sample(shape, .float32)
      let zeros = Tensor([Float](repeating: 0, count: target.reduce(1, *)), shape: target)
      let expanded = try run("Expand", [x, Tensor(int64: target.map(Int64.init), shape: [target.count])])[0]
      XCTAssertEqual(expanded, try run("Add", [x, zeros])[0], "\(shape) → \(target)")
    }
  }
}
