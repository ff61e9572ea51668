import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// `checkStructure` (weights as typed inputs) agrees with libonnx's full check.
final class ONNXCheckStructureTests: XCTestCase {
  private let sources = ["torch/resnet_mini/torch_onnx.onnx", "keras/inception_mini/tf2onnx.onnx"]

  func test_ONNXChecker_structureCheckAcceptsWhatTheFullCheckAccepts() throws {
    for source in sources {
      let model = try ONNXFile.read(packageRoot.appendingPathComponent("golden/\(source)"))
      XCTAssertEqual(ONNXChecker.check(model), .valid, source)
      XCTAssertEqual(ONNXChecker.checkStructure(model), .valid, source)
    }
  }

  func test_ONNXChecker_structureCheckRejectsWhatTheFullCheckRejects() throws {
    for source in sources {
      var model = try ONNXFile.read(packageRoot.appendingPathComponent("golden/\(source)"))
      let conv = try XCTUnwrap(model.graph.nodes.firstIndex { $0.opType == "Conv" })
      model.graph.nodes[conv].attributes["group"] = .string("one")
      guard case .invalid = ONNXChecker.check(model) else { return XCTFail("full check accepted \(source)") }
      guard case .invalid = ONNXChecker.checkStructure(model) else { return XCTFail("structure check accepted \(source)") }
    }
  }
}
