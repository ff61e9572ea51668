import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Files written by the Python `onnx` 1.23.2 package (Fixtures/make_fixtures.py), newer than
/// the system's onnx.proto 1.12: their unknown fields must survive read → write untouched.
final class ModernProducerTests: XCTestCase {
  let fixtures = packageRoot.appendingPathComponent("Tests/ModelFormatsTests/Fixtures")

  func test_ONNXFile_modernFilesReencodeByteIdentical() throws {
    for name in ["ir10_metadata.onnx", "ir9_float8.onnx"] {
      let url = fixtures.appendingPathComponent(name)
      let original = try Data(contentsOf: url)
      let model = try ONNXFile.read(url)
      XCTAssertEqual(Data(try ONNXFile.encode(model)), original, "\(name) changed in a read → write round trip")
    }
  }

  func test_ONNXFile_fieldsUnknownToSchema112AreKept() throws {
    let model = try ONNXFile.read(fixtures.appendingPathComponent("ir10_metadata.onnx"))
    XCTAssertEqual(model.irVersion, 10)
    XCTAssertEqual(model.opsetImports, ["": 21, "custom": 1])
    XCTAssertEqual(model.metadata.map(\.key), ["author"])
    let mm = try XCTUnwrap(model.graph.nodes.first { $0.name == "mm" })
    let call = try XCTUnwrap(model.graph.nodes.first { $0.name == "call" })
    // NodeProto.metadata_props (field 9) and overload (field 8) are unknown to the 1.12 schema.
    XCTAssertTrue(contains(mm.unknownFields, "layer1"), "metadata_props lost")
    XCTAssertTrue(contains(call.unknownFields, "v2"), "overload lost")
    XCTAssertTrue(contains(model.graph.inputs[0].unknownFields, "layout"), "ValueInfo metadata lost")
    XCTAssertTrue(contains(model.graph.unknownFields, "graph_key"), "graph metadata lost")
    XCTAssertTrue(contains(model.functions[0].unknownFields, "v2"), "function overload lost")
    // Writing to a file and reading back gives the same model.
    let dir = try temporaryFolder()
    let copy = dir.appendingPathComponent("copy.onnx")
    try ONNXFile.write(model, to: copy)
    XCTAssertEqual(try ONNXFile.read(copy), model)
  }

  func test_ONNXChecker_modernFileIsCannotCheck() throws {
    let verdict = ONNXChecker.check(file: fixtures.appendingPathComponent("ir10_metadata.onnx"))
    XCTAssertEqual(verdict, .cannotCheck("checker knows IR 8 / opset 17; this model is IR 10 / opset 21"))
  }

  func test_ONNXFile_float8InitializerKeepsItsBytes() throws {
    let model = try ONNXFile.read(fixtures.appendingPathComponent("ir9_float8.onnx"))
    let f8 = try XCTUnwrap(model.graph.initializers["f8"])
    XCTAssertEqual(f8.dtype, .float8e4m3fn)
    XCTAssertEqual(Array(f8.bytes), [0x38, 0x40, 0xb8, 0x00])
  }

  func test_ONNXFile_externalDataIsAViewOfTheDataFile() throws {
    let url = fixtures.appendingPathComponent("external/model.onnx")
    let model = try ONNXFile.read(url)
    let w = try XCTUnwrap(model.graph.initializers["w"])
    XCTAssertTrue(w.storage.isView)
    // numpy.linspace(-1, 1, 12), as make_fixtures.py wrote it.
    let expected = (0..<12).map { Float(-1 + 2 * Double($0) / 11) }
    assertClose(w, Tensor(expected, shape: [3, 4]), rtol: 0, atol: 1e-7)
    XCTAssertEqual(model.graph.initializers["z_bias"]?.floats(), [0, 1, 2, 3])
    XCTAssertEqual(ONNXChecker.check(file: url), .valid)

    // Written back with external data, read again: the same model, checker still content.
    let dir = try temporaryFolder()
    let copy = dir.appendingPathComponent("copy.onnx")
    try ONNXFile.write(model, to: copy, externalData: .external(threshold: 0))
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("copy.onnx.data").path))
    XCTAssertEqual(try ONNXFile.read(copy), model)
    XCTAssertEqual(ONNXChecker.check(file: copy), .valid)
  }

  private func contains(_ blob: [UInt8], _ text: String) -> Bool {
    let needle = Array(text.utf8)
    guard blob.count >= needle.count else { return false }
    return (0...(blob.count - needle.count)).contains { Array(blob[$0..<$0 + needle.count]) == needle }
  }
}
