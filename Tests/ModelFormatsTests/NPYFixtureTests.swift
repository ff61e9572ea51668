import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Files written by real numpy (`Fixtures/npy/make_fixtures.py`) read back as numpy saw them.
final class NPYFixtureTests: XCTestCase {
  struct Expected: Decodable {
    var dtype: String
    var shape: [Int]
    var values: [Double]
    var sha256: String
  }

  static let folder = packageRoot.appendingPathComponent("Tests/ModelFormatsTests/Fixtures/npy")

  static func expected() throws -> [String: Expected] {
    struct File: Decodable { var arrays: [String: Expected] }
    let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
    return try JSONDecoder().decode(File.self, from: data).arrays
  }

  func check(_ tensor: Tensor, _ expected: Expected, _ name: String) {
    XCTAssertEqual(tensor.dtype.name, expected.dtype, name)
    XCTAssertEqual(tensor.shape, expected.shape, name)
    XCTAssertEqual(sha256Hex(tensor.bytes), expected.sha256, name)
    let values: [Double]? = switch tensor.dtype {
    case .float64: tensor.scalars(as: Double.self)
    case .float32, .float16: tensor.floats()?.map(Double.init)
    case .uint64: tensor.scalars(as: UInt64.self).map { Double($0) }
    default: tensor.int64s()?.map(Double.init)
    }
    XCTAssertEqual(values, expected.values, name)
  }

  func test_NPY_readsEveryNumpyFixture() throws {
    let expected = try Self.expected().filter { $0.key.hasSuffix(".npy") }
    XCTAssertEqual(expected.count, 14)
    for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
      let tensor = try NPY.read(contentsOf: Self.folder.appendingPathComponent(name))
      check(tensor, want, name)
    }
  }

  func test_NPY_mapsLittleEndianCOrderWithoutCopying() throws {
    let tensor = try NPY.read(contentsOf: Self.folder.appendingPathComponent("v1_float32.npy"))
    XCTAssertTrue(tensor.storage.isView)
    XCTAssertEqual(tensor.range.lowerBound % 64, 0, "numpy aligns data to 64 bytes")
    let swapped = try NPY.read(contentsOf: Self.folder.appendingPathComponent("bigendian_int32.npy"))
    XCTAssertFalse(swapped.storage.isView)
  }

  func test_NPZ_readsSavezAndSavezCompressed() throws {
    let expected = try Self.expected()
    for file in ["savez.npz", "savez_compressed.npz"] {
      let npz = try NPZReader(contentsOf: Self.folder.appendingPathComponent(file))
      XCTAssertEqual(npz.keys, ["x", "block/conv1/kernel", "flag"], file)
      for key in npz.keys.reversed() {
        let want = try XCTUnwrap(expected["npz:" + key])
        check(try npz.tensor(key), want, "\(file)[\(key)]")
      }
    }
  }

  func test_NPY_objectArrayIsUnsupportedDType() {
    let url = Self.folder.appendingPathComponent("object.npy")
    XCTAssertThrowsError(try NPY.read(contentsOf: url)) { error in
      guard case FormatError.npyUnsupportedDType(let file, nil, "|O") = error else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(file, url.path)
      XCTAssertTrue("\(error)".contains("unsupported dtype '|O'"), "\(error)")
    }
  }
}
