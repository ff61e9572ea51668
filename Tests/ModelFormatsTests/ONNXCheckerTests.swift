import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

final class ONNXCheckerTests: XCTestCase {
  let relu = URL(fileURLWithPath: "/usr/share/libonnx-testdata/data/node/test_relu/model.onnx")

  func test_ONNXChecker_knowsIR8Opset17() {
    XCTAssertEqual(ONNXChecker.knownIRVersion, 8)
    XCTAssertEqual(ONNXChecker.knownOpset, 17)
  }

  func test_ONNXChecker_acceptsTestdataModel() throws {
    XCTAssertEqual(ONNXChecker.check(try ONNXFile.read(relu)), .valid)
    XCTAssertEqual(ONNXChecker.check(file: relu), .valid)
  }

  func test_ONNXChecker_rejectsUnknownOpWithItsName() throws {
    var model = try ONNXFile.read(relu)
    model.graph.nodes[0].opType = "NoSuchOp"
    let verdict = ONNXChecker.check(model)
    XCTAssertEqual(verdict.status, "invalid")
    XCTAssertTrue(verdict.message.contains("NoSuchOp"), verdict.message)
  }

  func test_ONNXChecker_newerModelIsCannotCheckNotACrash() throws {
    var model = try ONNXFile.read(relu)
    model.irVersion = 10
    model.opsetImports = ["": 21]
    XCTAssertEqual(ONNXChecker.check(model), .cannotCheck("checker knows IR 8 / opset 17; this model is IR 10 / opset 21"))
    XCTAssertThrowsError(try ONNXChecker.inferShapes(model)) { error in
      guard case .newerThanLibONNX = error as? FormatError else { return XCTFail("\(error)") }
    }
  }

  func test_ONNXChecker_inferShapesTypesIntermediateValues() throws {
    var graph = Graph(name: "two")
    graph.inputs = [.tensor("x", .float32, [.fixed(2), .symbolic("n")])]
    graph.nodes = [
      Node(name: "a", opType: "Relu", inputs: ["x"], outputs: ["h"]),
      Node(name: "b", opType: "Sigmoid", inputs: ["h"], outputs: ["y"]),
    ]
    graph.outputs = [.tensor("y", .float32, nil)]
    let inferred = try ONNXChecker.inferShapes(Model(graph: graph))
    XCTAssertEqual(inferred.graph.valueInfo, [.tensor("h", .float32, [.fixed(2), .symbolic("n")])])
  }
}
