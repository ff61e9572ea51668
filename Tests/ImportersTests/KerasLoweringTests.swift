import Foundation
import Lowering
import ModelFormats
import ModelGraph
import TestSupport
import XCTest
@testable import Importers

/// The lowered graph of the small fixture model, node by node (structure), plus its padding,
/// naming and layout contracts.
final class KerasLoweringTests: XCTestCase {
  let fixture = packageRoot.appendingPathComponent("Tests/ImportersTests/Fixtures/tiny.keras")

  func lowered(_ options: LoweringOptions = LoweringOptions()) throws -> Model {
    try Lowering.lower(try Importers.importModel(at: fixture), file: fixture.path, options: options)
  }

  func test_KerasLowering_matchesTheSnapshot() throws {
    try assertSnapshot(Self.describe(try lowered().graph), named: "keras_tiny.lowered.txt")
    try assertSnapshot(Self.describe(try lowered(LoweringOptions(keepNHWC: true)).graph), named: "keras_tiny.nhwc.lowered.txt")
  }

  func test_KerasLowering_samePaddingIsAsymmetric() throws {
    // c1: 3×3, stride 2, "same" on 8×8. TensorFlow: out = 4, total pad = (4−1)·2 + 3 − 8 = 1,
    // all of it at the bottom/right.
    let conv = try XCTUnwrap(try lowered().graph.nodes.first { $0.name == "c1/Conv" })
    XCTAssertEqual(conv.attributes["pads"], .ints([0, 0, 1, 1]))
  }

  func test_KerasLowering_layerOutputsAreNamedAfterLayersWithProvenance() throws {
    let graph = try lowered().graph
    let outputs = Set(graph.nodes.flatMap(\.outputs))
    for layer in ["c1", "bn", "dw", "add", "sub/pw", "sub/r6", "sub", "gap", "fc"] {
      XCTAssertTrue(outputs.contains(layer), layer)
    }
    for node in graph.nodes {
      let provenance = try XCTUnwrap(node.provenance, node.name)
      XCTAssertTrue(node.name.hasPrefix(provenance.sourceLayer + "/"), "\(node.name) from \(provenance.sourceLayer)")
      XCTAssertTrue(provenance.sourceOp.hasPrefix("keras."), node.name)
    }
    XCTAssertEqual(graph.inputs.map(\.name), ["img"])
    XCTAssertEqual(graph.inputs[0].type, .tensor(.float32, shape: [.symbolic("N"), .fixed(3), .fixed(8), .fixed(8)]))
    XCTAssertEqual(graph.outputs.map(\.name), ["fc"])
  }

  func test_KerasLowering_passesCheckerAndShapeInference() throws {
    for options in [LoweringOptions(), LoweringOptions(foldBatchNorm: true), LoweringOptions(keepNHWC: true)] {
      let model = try lowered(options)
      XCTAssertEqual(ONNXChecker.check(model), .valid, "\(options)")
      XCTAssertNoThrow(try ONNXChecker.inferShapes(model), "\(options)")
    }
  }

  static func describe(_ graph: Graph) -> String {
    func attribute(_ a: Attribute) -> String {
      switch a {
      case .int(let v): "\(v)"
      case .float(let v): "\(v)"
      case .string(let v): v
      case .ints(let v): "\(v)"
      case .floats(let v): "\(v)"
      default: "…"
      }
    }
    var lines = graph.inputs.map { "input \($0.name): \($0.type)" }
    for node in graph.nodes {
      let attributes = node.attributes.keys.sorted().map { "\($0)=\(attribute(node.attributes[$0] ?? .int(0)))" }
      lines.append("\(node.outputs.joined(separator: ", ")) = \(node.opType)(\(node.inputs.joined(separator: ", ")))"
        + (attributes.isEmpty ? "" : " {\(attributes.joined(separator: " "))}")
        + " [\(node.name) ← \(node.provenance?.sourceLayer ?? "?")]")
    }
    lines += graph.outputs.map { "output \($0.name): \($0.type)" }
    lines += graph.initializers.keys.sorted().map { "weight \($0): \(graph.initializers[$0]?.shape ?? [])" }
    return lines.joined(separator: "\n") + "\n"
  }
}
