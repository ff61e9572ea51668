import Foundation
import Lowering
import ModelGraph
import TestSupport
import XCTest
@testable import Importers

/// Bad `.pt2` input gets typed errors naming the file, member, tensor or node.
final class PyTorchImporterErrorTests: XCTestCase {
  private func importError(_ path: String) -> ImportError? {
    do {
      _ = try PyTorchImporter.read(path: path)
      return nil
    } catch {
      return error
    }
  }

  func test_PyTorchImporter_rejectsAFileThatIsNotAZip() throws {
    let path = try temporaryFolder().appendingPathComponent("not-a-zip.pt2").path
    try Data("graph(): return x\n".utf8).write(to: URL(fileURLWithPath: path))
    guard case .notAnArchive(let file, _)? = importError(path) else { return XCTFail("\(String(describing: importError(path)))") }
    XCTAssertEqual(file, path)
  }

  func test_PyTorchImporter_rejectsAMissingFile() {
    guard case .unreadableFile? = importError("/nonexistent/model.pt2") else { return XCTFail() }
  }

  func test_PyTorchImporter_namesTheMissingModelJSONField() throws {
    let path = try PT2Fixtures.mutated(PT2Fixtures.training, in: temporaryFolder(), member: "models/model.json") { data in
      PT2Fixtures.editJSON(data) { program in
        guard var module = program["graph_module"] as? [String: Any], var graph = module["graph"] as? [String: Any],
          var nodes = graph["nodes"] as? [[String: Any]] else { return }
        nodes[2]["target"] = nil
        graph["nodes"] = nodes
        module["graph"] = graph
        program["graph_module"] = module
      }
    }
    let error = importError(path)
    guard case .malformedJSON(let file, let member, let field, _)? = error else { return XCTFail("\(String(describing: error))") }
    XCTAssertEqual(file, path)
    XCTAssertEqual(member, "tiny/models/model.json")
    XCTAssertEqual(field, "graph_module.graph.nodes[2].target")
    XCTAssertTrue("\(error!)".contains("graph_module.graph.nodes[2].target"))
  }

  func test_PyTorchImporter_rejectsAWeightFileShorterThanItsTensorMeta() throws {
    // weight_1 holds conv.weight (4·3·3·3 float32 = 432 bytes); keep 100 of them.
    let path = try PT2Fixtures.mutated(PT2Fixtures.training, in: temporaryFolder(), member: "data/weights/weight_1") { $0.prefix(100) }
    let error = importError(path)
    guard case .truncatedTensorData(let file, let member, let tensor, let expected, let found)? = error else {
      return XCTFail("\(String(describing: error))")
    }
    XCTAssertEqual(file, path)
    XCTAssertEqual(member, "tiny/data/weights/weight_1")
    XCTAssertEqual(tensor, "conv.weight")
    XCTAssertEqual(expected, 432)
    XCTAssertEqual(found, 100)
  }

  /// Sizes and strides are read from the file: products that overflow (they trapped) or
  /// negative sizes are typed errors before anything is allocated.
  func test_PyTorchImporter_rejectsTensorMetaWhoseSizesOverflow() throws {
    let cases: [(sizes: [Int], strides: [Int]?)] = [([1 << 62, 4, 3, 3], nil), ([-4, 3, 3, 3], nil), ([4, 3, 3, 3], [1 << 62, 9, 3, 1])]
    for (sizes, strides) in cases {
      let path = try PT2Fixtures.mutated(PT2Fixtures.training, in: temporaryFolder(), member: "model_weights_config.json") { data in
        PT2Fixtures.editJSON(data) { root in
          guard var config = root["config"] as? [String: Any], var entry = config["conv.weight"] as? [String: Any],
                var meta = entry["tensor_meta"] as? [String: Any] else { return }
          meta["sizes"] = sizes.map { ["as_int": $0] }
          if let strides { meta["strides"] = strides.map { ["as_int": $0] } }
          entry["tensor_meta"] = meta
          config["conv.weight"] = entry
          root["config"] = config
        }
      }
      guard case .unsupportedTensorStorage(let file, "conv.weight", _)? = importError(path) else {
        XCTFail("sizes \(sizes), strides \(String(describing: strides)): \(String(describing: importError(path)))"); continue
      }
      XCTAssertEqual(file, path)
    }
  }

  func test_PyTorchImporter_rejectsPickledWeights() throws {
    let path = try PT2Fixtures.mutated(PT2Fixtures.training, in: temporaryFolder(), member: "model_weights_config.json") { data in
      PT2Fixtures.editJSON(data) { root in
        guard var config = root["config"] as? [String: Any], var entry = config["conv.bias"] as? [String: Any] else { return }
        entry["use_pickle"] = true
        config["conv.bias"] = entry
        root["config"] = config
      }
    }
    guard case .unsupportedTensorStorage(_, let tensor, let reason)? = importError(path) else { return XCTFail() }
    XCTAssertEqual(tensor, "conv.bias")
    XCTAssertTrue(reason.contains("use_pickle"))
  }

  func test_PyTorchLowering_listsEveryUnsupportedOpWithItsNodes() throws {
    let path = try PT2Fixtures.mutated(PT2Fixtures.training, in: temporaryFolder(), member: "models/model.json") { data in
      let text = String(decoding: data, as: UTF8.self)
        .replacingOccurrences(of: "torch.ops.aten.relu_.default", with: "torch.ops.aten.frobnicate.default")
        .replacingOccurrences(of: "torch.ops.aten.mean.dim", with: "torch.ops.aten.frobnicate.default")
        .replacingOccurrences(of: "torch.ops.aten.softmax.int", with: "torch.ops.aten.special_thing.default")
      return Data(text.utf8)
    }
    let model = try PyTorchImporter.read(path: path)
    XCTAssertThrowsError(try PyTorchLowering.lower(model, file: path)) { error in
      guard case LoweringError.unsupportedOps(let file, let ops)? = error as? LoweringError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, path)
      XCTAssertEqual(ops, [
        UnsupportedOp(op: "aten.frobnicate.default", nodes: ["relu_", "mean"]),
        UnsupportedOp(op: "aten.special_thing.default", nodes: ["softmax"]),
      ])
      XCTAssertTrue("\(error)".contains("'relu_'"))
    }
  }
}
