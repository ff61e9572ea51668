import Foundation
import Importers
import Lowering
import ModelGraph
import TestSupport
import XCTest
@testable import TVM

/// Every golden model (Keras .keras and .h5, PyTorch .pt2), lowered, emits without error; every
/// node output becomes a binding or an alias, every binding names its source layer, and every
/// weight read by a tensor argument is a parameter with the initializer's own value.
final class GoldenEmissionTests: XCTestCase {
  static let models = ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"]

  func test_RelaxEmitter_everyGoldenModelEmits() throws {
    for model in Self.models {
      for source in ["keras/\(model)/model.keras", "keras/\(model)/model.h5", "torch/\(model)/model.pt2"] {
        let url = packageRoot.appendingPathComponent("golden/\(source)")
        let graph = try Lowering.lower(try Importers.importModel(at: url), file: url.path).graph
        let module = try RelaxEmitter.emit(graph, file: url.path)
        let tensors = Set(module.provenance.bindings.values.compactMap(\.tensor))
        for node in graph.nodes {
          XCTAssertTrue(tensors.contains(node.outputs[0]) || module.provenance.aliases[node.outputs[0]] != nil,
                        "\(source): \(node.name) has no binding")
        }
        for (name, binding) in module.provenance.bindings {
          XCTAssertFalse(binding.layer.isEmpty, "\(source): \(name) has no source layer")
          XCTAssertTrue(module.text.contains("\n            \(name) = "), "\(source): \(name) not in the text")
        }
        for parameter in module.parameters {
          let initializer = try XCTUnwrap(module.provenance.params[parameter.name].flatMap { graph.initializers[$0] })
          XCTAssertEqual(parameter.tensor, initializer, "\(source): \(parameter.name)")
        }
        XCTAssertTrue(module.text.contains("R.func_attr({\"num_input\": 1})"), source)
      }
    }
  }
}
