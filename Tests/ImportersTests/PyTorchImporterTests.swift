import Foundation
import ModelGraph
import XCTest
@testable import Importers

/// The `.pt2` importer against what torch itself recorded about the same archives.
final class PyTorchImporterTests: XCTestCase {
  func test_PyTorchImporter_weightsEqualTorchStateDict() throws {
    let recorded = try PT2Fixtures.recorded()
    for path in [PT2Fixtures.training, PT2Fixtures.core] {
      let graph = try PyTorchImporter.read(path: path).graph
      XCTAssertEqual(graph.initializers.count, recorded.state_dict.count)
      for (name, expected) in recorded.state_dict {
        let tensor = try XCTUnwrap(graph.initializers[expected.placeholder], name)
        XCTAssertEqual(tensor.shape, expected.shape, name)
        if tensor.dtype == .float32 { XCTAssertEqual(tensor.floats(), expected.values, name) }
      }
    }
  }

  func test_PyTorchImporter_viewsContiguousStoragesAndMaterialisesStridedOnes() throws {
    let graph = try PyTorchImporter.read(path: PT2Fixtures.training).graph
    // conv.weight is contiguous; `shift` views the second half of the storage it shares with
    // `scale`; fc_w is a transposed view (strides [1, 5]) and must be copied into row-major order.
    XCTAssertEqual(graph.initializers["p_conv_weight"]?.storage.isView, true)
    XCTAssertEqual(graph.initializers["b_shift"]?.storage.isView, true)
    let scale = try XCTUnwrap(graph.initializers["b_scale"]?.bytes.baseAddress)
    XCTAssertEqual(graph.initializers["b_shift"]?.bytes.baseAddress, scale + 4 * MemoryLayout<Float>.size)
    XCTAssertEqual(graph.initializers["p_fc_w"]?.storage.isView, false)
  }

  func test_PyTorchImporter_nodesKeepFXNamesTargetsAndModulePaths() throws {
    let recorded = try PT2Fixtures.recorded()
    for (path, expected) in [(PT2Fixtures.training, recorded.nodes), (PT2Fixtures.core, recorded.core_nodes)] {
      let graph = try PyTorchImporter.read(path: path).graph
      let byName = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.name, $0) })
      let outputs = Set(graph.nodes.flatMap(\.outputs))
      for fx in expected {
        // torch.export.save folds `getitem` nodes into their producer's outputs.
        if fx.target.contains("getitem") {
          XCTAssertTrue(outputs.contains(fx.name), fx.name)
          continue
        }
        let node = try XCTUnwrap(byName[fx.name], "\(path): \(fx.name)")
        XCTAssertEqual(node.domain, "aten")
        XCTAssertEqual("aten." + node.opType, fx.target)
        XCTAssertEqual(node.provenance?.sourceLayer, fx.module.isEmpty ? fx.name : fx.module)
        XCTAssertEqual(node.provenance?.sourceNode, fx.name)
      }
      XCTAssertEqual(graph.nodes.count, expected.filter { !$0.target.contains("getitem") }.count)
    }
  }

  func test_PyTorchImporter_fillsOmittedArgumentsFromTheSchema() throws {
    let graph = try PyTorchImporter.read(path: PT2Fixtures.training).graph
    // torch.export omits conv2d's trailing defaults (dilation=1, groups=1).
    let conv = try XCTUnwrap(graph.nodes.first { $0.opType == "conv2d.default" })
    XCTAssertEqual(conv.attributes["dilation"], .ints([1, 1]))
    XCTAssertEqual(conv.attributes["groups"], .int(1))
    XCTAssertEqual(conv.inputs, ["x", "p_conv_weight", "p_conv_bias"])
  }

  func test_PyTorchImporter_recordsInputOutputAndIntermediateTypes() throws {
    let recorded = try PT2Fixtures.recorded()
    let graph = try PyTorchImporter.read(path: PT2Fixtures.training).graph
    XCTAssertEqual(graph.inputs.map(\.type), [.tensor(.float32, shape: recorded.input.shape.map { .fixed($0) })])
    XCTAssertEqual(graph.outputs.map(\.type), [.tensor(.float32, shape: recorded.output.shape.map { .fixed($0) })])
    XCTAssertEqual(graph.valueInfo.first { $0.name == "conv2d" }?.type, .tensor(.float32, shape: [1, 4, 6, 6].map { .fixed($0) }))
  }
}

extension PyTorchImporterTests {
  func test_PT2TensorMeta_keepsTheNameOfASympySymbol() {
    // What torch 2.13 writes for a dynamic batch size (`torch.export.Dim`).
    XCTAssertEqual(PT2TensorMeta.symbolName("Symbol('s77', positive=True, integer=True)"), "s77")
    XCTAssertEqual(PT2TensorMeta.symbolName("2*s77"), "2*s77")
  }
}
