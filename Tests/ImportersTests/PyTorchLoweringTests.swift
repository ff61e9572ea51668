import Foundation
import Lowering
import ModelFormats
import ModelGraph
import TestSupport
import XCTest
@testable import Importers

/// Structure of the ONNX graphs lowered from the `.pt2` fixtures (both IR levels).
final class PyTorchLoweringTests: XCTestCase {
  private func lowered(_ path: String) throws -> (source: Model, onnx: Model) {
    let source = try PyTorchImporter.read(path: path)
    return (source, try PyTorchLowering.lower(source, file: path))
  }

  func test_PyTorchLowering_passesTheONNXChecker() throws {
    for path in [PT2Fixtures.training, PT2Fixtures.core] {
      let onnx = try lowered(path).onnx
      XCTAssertEqual(onnx.opset, 17)
      XCTAssertEqual(ONNXChecker.check(onnx), .valid, path)
      XCTAssertNoThrow(try ONNXChecker.inferShapes(onnx), path)
    }
  }

  func test_PyTorchLowering_everyNodeHasProvenanceAndEveryFXTensorSurvives() throws {
    for path in [PT2Fixtures.training, PT2Fixtures.core] {
      let (source, onnx) = try lowered(path)
      let produced = Set(onnx.graph.nodes.flatMap(\.outputs))
      for node in source.graph.nodes {
        XCTAssertTrue(produced.contains(node.outputs[0]), "\(path): FX output \(node.outputs[0])")
      }
      for node in onnx.graph.nodes {
        let provenance = try XCTUnwrap(node.provenance, node.name)
        XCTAssertTrue(node.name.hasPrefix("\(provenance.sourceNode ?? "?")/"), node.name)
        XCTAssertTrue(provenance.sourceOp.hasPrefix("aten."), node.name)
      }
      // Weights are the importer's tensors, not copies.
      XCTAssertEqual(onnx.graph.initializers["p_conv_weight"]?.storage.isView, true)
    }
  }

  func test_PyTorchLowering_matchesTheSnapshot() throws {
    for (path, name) in [(PT2Fixtures.training, "tiny.lowered.txt"), (PT2Fixtures.core, "tiny.core.lowered.txt")] {
      try assertSnapshot(Self.describe(try lowered(path).onnx.graph), named: name)
    }
  }

  /// One line per node: `name = Op(inputs) {attributes} ← layer`.
  static func describe(_ graph: Graph) -> String {
    graph.nodes.map { node in
      let attributes = node.attributes.keys.sorted().map { "\($0)=\(Self.text(node.attributes[$0]))" }.joined(separator: " ")
      return "\(node.outputs.joined(separator: ",")) = \(node.opType)(\(node.inputs.joined(separator: ", ")))"
        + (attributes.isEmpty ? "" : " {\(attributes)}") + " ← \(node.provenance?.sourceLayer ?? "?")"
    }.joined(separator: "\n") + "\n"
  }

  private static func text(_ a: Attribute?) -> String {
    switch a {
    case .int(let v)?: "\(v)"
    case .float(let v)?: "\(v)"
    case .ints(let v)?: "\(v)"
    case .string(let v)?: v
    default: "\(String(describing: a))"
    }
  }
}
