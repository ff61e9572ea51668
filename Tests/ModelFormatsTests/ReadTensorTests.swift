import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// `TensorProto` files (`test_data_set_*/input_*.pb`) of libonnx-testdata.
final class ReadTensorTests: XCTestCase {
  let relu = URL(fileURLWithPath: "/usr/share/libonnx-testdata/data/node/test_relu")

  func test_ReadTensor_matchesModelSignatureAndOpSemantics() throws {
    let model = try ONNXFile.read(relu.appendingPathComponent("model.onnx"))
    let x = try ONNXFile.readTensor(relu.appendingPathComponent("test_data_set_0/input_0.pb"))
    let y = try ONNXFile.readTensor(relu.appendingPathComponent("test_data_set_0/output_0.pb"))
    XCTAssertEqual(x.dtype, model.graph.inputs[0].type.elementType)
    XCTAssertEqual(x.shape, model.graph.inputs[0].type.shape?.concrete)
    XCTAssertEqual(x.name, "x")
    // Relu's recorded output is max(x, 0) of its recorded input.
    let expected = Tensor(try XCTUnwrap(x.floats()).map { max($0, 0) }, shape: x.shape)
    assertClose(y, expected, rtol: 0, atol: 0)
  }

  func test_ReadTensor_roundTripsThroughEncodeTensor() throws {
    let url = relu.appendingPathComponent("test_data_set_0/input_0.pb")
    let original = try Data(contentsOf: url)
    let x = try ONNXFile.readTensor(url)
    XCTAssertEqual(Data(try ONNXFile.encodeTensor(x)), original)
  }

  func test_ReadTensor_emptyFileIsATypedError() throws {
    let dir = try temporaryFolder()
    let url = dir.appendingPathComponent("input_0.pb")
    try Data().write(to: url)
    XCTAssertThrowsError(try ONNXFile.readTensor(url)) { error in
      XCTAssertEqual(error as? FormatError, .empty(file: url.path))
    }
  }
}
