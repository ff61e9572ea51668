import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Sizes read from a file (ONNX dims, .npy shapes, HDF5 extents) whose products overflow or
/// claim far more than the file holds are typed errors naming the file and tensor, never traps
/// or allocation failures.
final class OversizedShapeTests: XCTestCase {
  let hdf5 = packageRoot.appendingPathComponent("Tests/ModelFormatsTests/Fixtures/hdf5")

  /// A model whose only initializer `w` claims `dims` of `dataType` and holds `raw` bytes.
  private func model(dims: [Int64], dataType: UInt64, raw: [UInt8]) -> [UInt8] {
    let tensor = dims.flatMap { Wire.field(1, varint: UInt64(bitPattern: $0)) }
      + Wire.field(2, varint: dataType) + Wire.field(8, bytes: Array("w".utf8)) + Wire.field(9, bytes: raw)
    let graph = Wire.field(2, bytes: Array("g".utf8)) + Wire.field(5, bytes: tensor)
    let opset = Wire.field(1, bytes: []) + Wire.field(2, varint: 17)
    return Wire.field(1, varint: 8) + Wire.field(7, bytes: graph) + Wire.field(8, bytes: opset)
  }

  func test_ONNXDecoder_dimsWhoseByteCountOverflowsAreAnInvalidField() throws {
    let cases: [(dims: [Int64], dataType: UInt64)] = [
      ([1 << 61], 1),  // float32: 2^61 elements fit an Int, 2^63 bytes do not
      ([1 << 40, 1 << 22], 11),  // float64: element count 2^62, bytes 2^65
    ]
    for c in cases {
      XCTAssertThrowsError(try ONNXFile.decode(model(dims: c.dims, dataType: c.dataType, raw: [0, 0, 0, 0]), file: "huge.onnx"),
                           "\(c)") { error in
        guard case .invalidField(let file, let field, let problem) = error as? FormatError else { return XCTFail("\(error)") }
        XCTAssertEqual(file, "huge.onnx")
        XCTAssertEqual(field, "dims of tensor 'w'")
        XCTAssertTrue(problem.contains("\(c.dims)"), problem)
      }
    }
  }

  /// int4 packs two elements a byte: `(count + 1) / 2` overflowed in `count + 1` for Int.max.
  func test_ONNXDecoder_int4OfIntMaxElementsIsASizeMismatch() throws {
    XCTAssertThrowsError(try ONNXFile.decode(model(dims: [Int64.max], dataType: 22, raw: [0]), file: "huge.onnx")) { error in
      XCTAssertEqual(error as? FormatError, .tensorSizeMismatch(file: "huge.onnx", tensor: "w", expected: 1 << 62, found: 1))
    }
  }

  func test_ONNXDecoder_validDimsStillDecode() throws {
    let model = try ONNXFile.decode(model(dims: [2, 2], dataType: 2, raw: [1, 2, 3, 4]), file: "ok.onnx", validate: false)
    XCTAssertEqual(model.graph.initializers["w"]?.shape, [2, 2])
  }

  func test_NPY_shapeWhoseByteCountOverflowsIsABadHeader() throws {
    // 2^61 float32 elements: the count fits, its 2^63 bytes do not.
    for (descr, shape) in [("<f4", "(2305843009213693952,)"), ("<f8", "(1099511627776, 4194304)")] {
      var text = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
      while (10 + text.utf8.count + 1) % 64 != 0 { text += " " }
      text += "\n"
      let bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.utf8.count), 0] + Array(text.utf8) + [0, 0, 0, 0]
      let url = try temporaryFolder().appendingPathComponent("huge.npy")
      try Data(bytes).write(to: url)
      XCTAssertThrowsError(try NPY.read(contentsOf: url), shape) { error in
        guard case .npyBadHeader(let file, nil, let reason) = error as? FormatError else { return XCTFail("\(error)") }
        XCTAssertEqual(file, url.path)
        XCTAssertTrue(reason.contains("bytes"), reason)
      }
    }
  }

  func test_HDF5File_extentsWhoseProductOverflowsAreUnreadable() throws {
    let url = hdf5.appendingPathComponent("overflowing_extents.h5")
    let h5 = try HDF5File(contentsOf: url)
    XCTAssertThrowsError(try h5.tensor(at: "x")) { error in
      guard case .unreadableHDF5Object(let file, "x", _, let found) = error as? FormatError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
      XCTAssertTrue(found.contains("4294967296"), found)
    }
    XCTAssertEqual(try h5.tensor(at: "ok").floats(), [0, 1, 2, 3, 4, 5])
  }

  func test_HDF5File_datasetLargerThanMemoryIsRefusedBeforeAllocating() throws {
    // 2^40 float32 elements (4 TiB) claimed by a file of about 2 KiB.
    let url = hdf5.appendingPathComponent("huge_dataset.h5")
    let h5 = try HDF5File(contentsOf: url)
    XCTAssertThrowsError(try h5.tensor(at: "x")) { error in
      guard case .unreadableHDF5Object(let file, "x", _, let found) = error as? FormatError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
      XCTAssertTrue(found.contains("4398046511104 bytes"), found)
    }
  }

  func test_HDF5File_compressedDatasetWithNothingStoredIsRefusedBeforeAllocating() throws {
    // 450 million float32 elements (1.8 GB), gzip-compressed, no chunk written: libhdf5 would
    // fill the whole buffer (the keras harness's out-of-memory finding).
    let url = hdf5.appendingPathComponent("unstored_compressed.h5")
    let h5 = try HDF5File(contentsOf: url)
    XCTAssertThrowsError(try h5.tensor(at: "x")) { error in
      guard case .unreadableHDF5Object(let file, "x", let expected, let found) = error as? FormatError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
      XCTAssertTrue(expected.contains("1800000000 bytes compressed"), expected)
      XCTAssertTrue(found.contains("0 bytes in the file"), found)
    }
    XCTAssertEqual(try h5.tensor(at: "ok").floats(), [0, 1, 2, 3, 4, 5])
  }
}

/// Protobuf wire bytes written by hand, so a test can state sizes no writer would produce.
enum Wire {
  static func varint(_ value: UInt64) -> [UInt8] {
    var v = value, out: [UInt8] = []
    repeat {
      out.append(UInt8(v & 0x7f) | (v >= 0x80 ? 0x80 : 0))
      v >>= 7
    } while v > 0
    return out
  }

  /// Field `number` as a varint (wire type 0).
  static func field(_ number: Int, varint value: UInt64) -> [UInt8] { varint(UInt64(number << 3)) + varint(value) }

  /// Field `number` as length-delimited bytes (wire type 2).
  static func field(_ number: Int, bytes: [UInt8]) -> [UInt8] {
    varint(UInt64(number << 3 | 2)) + varint(UInt64(bytes.count)) + bytes
  }
}
