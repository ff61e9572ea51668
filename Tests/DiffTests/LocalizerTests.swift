import Backends
import Diff
import Runtime
import ModelGraph
import XCTest

/// The localizer on a two-layer MLP run by the real interpreter: the reference is the correct
/// model's own capture, the candidate a copy with one injected fault.
final class LocalizerTests: XCTestCase {
  private func mlp(w2Scale: Float = 1, w1Noise: Float = 0) -> Model {
    var g = Graph(name: "mlp")
    g.inputs = [.tensor("x", .float32, [.fixed(1), .fixed(6)])]
    g.outputs = [.tensor("logits", .float32, [.fixed(1), .fixed(4)])]
    var w1: [Float] = [], w2: [Float] = []
    for i in 0..<36 {
      let noise: Float = i % 5 == 0 ? w1Noise : 0
      w1.append(Float((i * 7) % 11) / 10 - 0.5 + noise)
    }
    for i in 0..<24 {
      let scale: Float = i % 4 == 1 ? w2Scale : 1
      w2.append((Float((i * 5) % 13) / 13 - 0.5) * scale)
    }
    g.initializers = ["w1": Tensor(w1, shape: [6, 6]), "w2": Tensor(w2, shape: [6, 4])]
    g.nodes = [
      Node(name: "dense1/Gemm", opType: "Gemm", inputs: ["x", "w1"], outputs: ["dense1"]),
      Node(name: "dense2/Gemm", opType: "Gemm", inputs: ["dense1", "w2"], outputs: ["logits"]),
    ]
    return Model(graph: g)
  }

  private func record(_ model: Model, inputs: [Tensor]) throws -> InMemoryActivations {
    let entries = [
      ActivationEntry(key: "x", layer: "x", op: "InputLayer", shape: [1, 6], layout: "other"),
      ActivationEntry(key: "dense1", layer: "dense1", op: "Dense", shape: [1, 6], layout: "other"),
      ActivationEntry(key: "logits", layer: "logits", op: "Dense", shape: [1, 4], layout: "other"),
    ]
    // A separate run per input with capture, exactly as a recorder would.
    var tensors: [String: [Tensor]] = ["x": inputs, "dense1": [], "logits": []]
    let interpreter = try Interpreter(model: model)
    for x in inputs {
      let run = try interpreter.run(inputs: ["x": x], capture: .all)
      tensors["dense1", default: []].append(run.captured["dense1"] ?? x)
      tensors["logits", default: []].append(run.outputs["logits"] ?? x)
    }
    return InMemoryActivations(entries: entries, tensors: tensors)
  }

  private var inputs: [Tensor] { (0..<8).map { i in Tensor((0..<6).map { Float(($0 + i * 3) % 7) - 3 }, shape: [1, 6]) } }

  func test_Localizer_correctConversionRaisesNoFlag() throws {
    let report = try Localizer(reference: record(mlp(), inputs: inputs), candidate: mlp(), backend: InterpreterBackend(), names: ("ref", "cand")).analyse()
    XCTAssertEqual(report.labelDifferenceRate, 0)
    XCTAssertTrue(report.layers.allSatisfy { $0.flaggedInputs == 0 }, "\(report.layers)")
    XCTAssertEqual(report.unaligned, [])
  }

  func test_Localizer_injectedFaultIsLocalisedAndIsolatedAsLocal() throws {
    let report = try Localizer(reference: record(mlp(), inputs: inputs), candidate: mlp(w2Scale: -3), backend: InterpreterBackend(), names: ("ref", "cand")).analyse()
    XCTAssertGreaterThan(report.labelDifferenceRate, 0)
    for d in report.divergentInputs {
      XCTAssertEqual(d.divergence?.layer, "logits")
      XCTAssertEqual(d.isolation, .localFault)
    }
    XCTAssertEqual(report.layers.first { $0.layer == "dense1" }?.flaggedInputs, 0)
  }

  func test_Localizer_upstreamFaultIsLocalisedUpstreamNotWhereLabelsChange() throws {
    let report = try Localizer(reference: record(mlp(), inputs: inputs), candidate: mlp(w1Noise: 0.8), backend: InterpreterBackend(), names: ("ref", "cand")).analyse()
    XCTAssertGreaterThan(report.divergentInputs.count, 0)
    for d in report.divergentInputs {
      XCTAssertEqual(d.divergence?.layer, "dense1")
      XCTAssertEqual(d.isolation, .localFault)
    }
  }
}
