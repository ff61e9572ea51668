import Foundation
import Importers
import ModelGraph
import TestSupport
import XCTest

/// The importer against what real Keras says about the same files (fixtures and their
/// expectations written by `Fixtures/make_fixtures.py`).
final class KerasImporterTests: XCTestCase {
  let fixtures = packageRoot.appendingPathComponent("Tests/ImportersTests/Fixtures")

  struct Expected: Decodable {
    struct Layer: Decodable { var name: String; var `class`: String }
    struct Weight: Decodable { var shape: [Int]; var sum: Double }
    var layers: [Layer]
    var weights: [String: Weight]
  }

  func expected() throws -> Expected {
    try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixtures.appendingPathComponent("tiny.expected.json")))
  }

  func imported(_ name: String) throws -> Graph {
    try Importers.importModel(at: fixtures.appendingPathComponent(name))
  }

  func assertMatchesKeras(_ file: String) throws {
    let graph = try imported(file)
    let truth = try expected()
    for layer in truth.layers where layer.class != "InputLayer" {
      let node = graph.nodes.first { $0.name == layer.name }
      let opType = ["Sequential", "Functional"].contains(layer.class) ? "Identity" : layer.class
      XCTAssertEqual(node?.opType, opType, "\(file): layer \(layer.name)")
      XCTAssertEqual(node?.domain, "keras")
      XCTAssertEqual(node?.provenance?.sourceLayer, layer.name)
    }
    XCTAssertEqual(graph.inputs.map(\.name), ["img"])
    XCTAssertEqual(graph.inputs.first?.type, .tensor(.float32, shape: [.symbolic("N"), .fixed(8), .fixed(8), .fixed(3)]))
    XCTAssertEqual(graph.outputs.map(\.name), ["fc"])
    // Keras 3 calls the depthwise kernel `kernel`; the source dialect says `depthwise_kernel`.
    let names = Set(truth.weights.keys.map { $0 == "dw/kernel" ? "dw/depthwise_kernel" : $0 })
    XCTAssertEqual(Set(graph.initializers.keys), names, file)
    for (name, weight) in truth.weights {
      let tensor = graph.initializers[name == "dw/kernel" ? "dw/depthwise_kernel" : name]
      XCTAssertEqual(tensor?.shape, weight.shape, "\(file): \(name)")
      let sum = tensor?.floats()?.reduce(0) { $0 + Double($1) } ?? .nan
      XCTAssertEqual(sum, weight.sum, accuracy: 1e-5, "\(file): \(name)")
    }
    XCTAssertNoThrow(try graph.validate())
  }

  func test_KerasImporter_archiveMatchesKeras() throws { try assertMatchesKeras("tiny.keras") }
  func test_KerasImporter_keras3H5MatchesKeras() throws { try assertMatchesKeras("tiny.h5") }
  func test_KerasImporter_tfKeras2H5MatchesKeras() throws { try assertMatchesKeras("tiny_tfkeras2.h5") }

  func test_KerasImporter_layoutsGiveTheSameGraph() throws {
    let archive = try imported("tiny.keras"), h5 = try imported("tiny.h5"), legacy = try imported("tiny_tfkeras2.h5")
    for other in [h5, legacy] {
      XCTAssertEqual(other.nodes.map(\.name), archive.nodes.map(\.name))
      XCTAssertEqual(other.nodes.map(\.inputs), archive.nodes.map(\.inputs))
      XCTAssertEqual(other.initializers, archive.initializers)
    }
  }

  func test_KerasImporter_nestedModelIsFlattenedWithQualifiedNames() throws {
    let graph = try imported("tiny.keras")
    let pw = try XCTUnwrap(graph.nodes.first { $0.name == "sub/pw" })
    XCTAssertEqual(pw.inputs, ["add", "sub/pw/kernel", "sub/pw/bias"])
    let sub = try XCTUnwrap(graph.nodes.first { $0.name == "sub" })
    XCTAssertEqual(sub.inputs, ["sub/r6"])
    XCTAssertEqual(graph.nodes.first { $0.name == "gap" }?.inputs, ["sub"])
    XCTAssertEqual(graph.nodes.first { $0.name == "sub/r6" }?.attributes["max_value"]?.float, 6)
  }

  func test_KerasImporter_archiveWeightsAreViewsOfTheFile() throws {
    let graph = try imported("tiny.keras")
    XCTAssertEqual(graph.initializers["c1/kernel"]?.storage.isView, true)
  }

  func assertThrows(_ file: String, _ check: (ImportError) -> Bool, _ mentions: [String]) {
    XCTAssertThrowsError(try imported(file)) { error in
      guard let error = error as? ImportError else { return XCTFail("\(file): \(error)") }
      XCTAssertTrue(check(error), "\(file): \(error)")
      for word in mentions { XCTAssertTrue(error.description.contains(word), "\(file): '\(error)' should mention \(word)") }
    }
  }

  func test_KerasImporter_corruptZipIsATypedError() throws {
    let data = try Data(contentsOf: fixtures.appendingPathComponent("tiny.keras"))
    let url = try temporaryFolder().appendingPathComponent("corrupt.keras")
    try data.prefix(5000).write(to: url)
    XCTAssertThrowsError(try Importers.importModel(at: url)) { error in
      guard case .format(.corruptZip(let file, _)) = error as? ImportError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
    }
  }

  func test_KerasImporter_configThatIsNotJSONIsATypedError() {
    assertThrows("bad_config.keras", { if case .invalidConfig = $0 { true } else { false } }, ["bad_config.keras", "config.json", "JSON"])
  }

  func test_KerasImporter_weightsMissingALayerNameTheLayer() {
    assertThrows("missing_layer.keras", { if case .missingWeights = $0 { true } else { false } }, ["missing_layer.keras", "'c1'"])
  }

  func test_KerasImporter_weightOfTheWrongShapeNamesLayerAndShapes() {
    assertThrows("wrong_shape.h5", { if case .weightShape = $0 { true } else { false } }, ["wrong_shape.h5", "'fc'", "kernel", "[2, 3]", "[5, 3]"])
  }

  func test_KerasImporter_unknownExtensionIsATypedError() {
    XCTAssertThrowsError(try Importers.importModel(at: URL(fileURLWithPath: "/tmp/model.pb"))) { error in
      guard case .unsupportedFileType = error as? ImportError else { return XCTFail("\(error)") }
    }
  }
}
