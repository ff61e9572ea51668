import Foundation
import ModelGraph
import TestSupport
import XCTest
@testable import TVM

/// The emitted TVMScript, structurally: a small hand-built graph against a reviewed snapshot,
/// and the error cases. That the text parses, builds and computes the right values is checked
/// by TVM itself in converters/tests/test_deltann_tvm.py on every golden model.
final class RelaxEmitterTests: XCTestCase {
  /// input → Pad → Conv(+bias) → BatchNormalization → Clip(0, ∞) → MaxPool → GlobalAveragePool
  /// → Flatten → Gemm(transB) → Identity → Softmax, with names that need sanitizing.
  static func smallGraph() -> Graph {
    var g = Graph(name: "small")
    g.inputs = [.tensor("input", .float32, [.symbolic("N"), .fixed(3), .fixed(8), .fixed(8)])]
    g.outputs = [.tensor("probs", .float32, [.symbolic("N"), .fixed(4)])]
    let p = Provenance(sourceLayer: "block/conv", sourceOp: "keras.Conv2D")
    g.initializers = [
      "pad/pads": Tensor(int64: [0, 0, 1, 1, 0, 0, 0, 0], shape: [8]),
      "block/conv/W": Tensor([Float](repeating: 0.5, count: 2 * 3 * 3 * 3), shape: [2, 3, 3, 3]),
      "block/conv/B": Tensor([0.1, -0.1], shape: [2]),
      "bn/scale": Tensor([1, 2], shape: [2]), "bn/B": Tensor([0, 1], shape: [2]),
      "bn/mean": Tensor([0.5, 0], shape: [2]), "bn/var": Tensor([1, 4], shape: [2]),
      "relu/min": Tensor([0], shape: []),
      "fc/W": Tensor([Float](repeating: 1, count: 8), shape: [4, 2]), "fc/B": Tensor([1, 2, 3, 4], shape: [4]),
    ]
    g.nodes = [
      Node(name: "pad", opType: "Pad", inputs: ["input", "pad/pads"], outputs: ["pad"], attributes: ["mode": .string("constant")]),
      Node(name: "block/conv/Conv", opType: "Conv", inputs: ["pad", "block/conv/W", "block/conv/B"], outputs: ["block/conv"],
           attributes: ["strides": .ints([2, 2]), "pads": .ints([0, 0, 1, 1]), "group": .int(1)], provenance: p),
      Node(name: "bn", opType: "BatchNormalization", inputs: ["block/conv", "bn/scale", "bn/B", "bn/mean", "bn/var"],
           outputs: ["bn"], attributes: ["epsilon": .float(0.001)]),
      Node(name: "relu", opType: "Clip", inputs: ["bn", "relu/min", ""], outputs: ["relu"]),
      Node(name: "pool", opType: "MaxPool", inputs: ["relu"], outputs: ["pool"],
           attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]),
      Node(name: "gap", opType: "GlobalAveragePool", inputs: ["pool"], outputs: ["gap"]),
      Node(name: "flatten", opType: "Flatten", inputs: ["gap"], outputs: ["flatten"]),
      Node(name: "fc", opType: "Gemm", inputs: ["flatten", "fc/W", "fc/B"], outputs: ["fc"], attributes: ["transB": .int(1)]),
      Node(name: "dropout", opType: "Identity", inputs: ["fc"], outputs: ["dropout"]),
      Node(name: "softmax", opType: "Softmax", inputs: ["dropout"], outputs: ["probs"], attributes: ["axis": .int(1)]),
    ]
    return g
  }

  func test_RelaxEmitter_smallGraphMatchesSnapshot() throws {
    let module = try RelaxEmitter.emit(Self.smallGraph(), file: "small.onnx")
    try assertSnapshot(module.text, named: "small.py")
    XCTAssertEqual(module.parameters.map(\.name),
                   ["block_conv_W", "block_conv_B", "bn_scale", "bn_B", "bn_mean", "bn_var", "fc_W", "fc_B"])
    XCTAssertEqual(module.provenance.bindings["block_conv"]?.layer, "block/conv")
    XCTAssertEqual(module.provenance.bindings["block_conv"]?.tensor, "block/conv")
    XCTAssertEqual(module.provenance.bindings["block_conv__conv"]?.tensor, nil)
    XCTAssertEqual(module.provenance.aliases, ["dropout": "fc"])
    XCTAssertEqual(module.provenance.params["fc_W"], "fc/W")
  }

  func test_RelaxEmitter_everyUnsupportedOpIsListedInOneError() {
    var g = Self.smallGraph()
    g.nodes.insert(Node(name: "erf1", opType: "Erf", inputs: ["input"], outputs: ["e1"]), at: 0)
    g.nodes.insert(Node(name: "erf2", opType: "Erf", inputs: ["e1"], outputs: ["e2"]), at: 1)
    g.nodes.insert(Node(name: "conv", opType: "Conv2D", domain: "keras", inputs: ["input"], outputs: ["k"]), at: 2)
    XCTAssertThrowsError(try RelaxEmitter.emit(g, file: "m.onnx")) { error in
      guard case TVMError.unsupportedOps(let file, let ops, let supported) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(file, "m.onnx")
      XCTAssertEqual(ops, [UnsupportedRelaxOp(op: "Erf", nodes: ["erf1", "erf2"]),
                           UnsupportedRelaxOp(op: "keras.Conv2D", nodes: ["conv"])])
      XCTAssertTrue(supported.contains("Conv"))
      XCTAssertTrue("\(error)".contains("Erf (erf1, erf2)"), "\(error)")
    }
  }

  func test_RelaxEmitter_NaNBoundAndComputedPadsAreTypedErrors() {
    var nan = Self.smallGraph()
    nan.initializers["relu/min"] = Tensor([.nan], shape: [])
    XCTAssertThrowsError(try RelaxEmitter.emit(nan, file: "m.onnx")) { error in
      guard case TVMError.invalidArgument(_, "relu", "Clip", _, _, "NaN") = error else { return XCTFail("\(error)") }
    }
    var computed = Self.smallGraph()
    computed.initializers["pad/pads"] = nil
    computed.nodes[0].inputs[1] = "input"
    XCTAssertThrowsError(try RelaxEmitter.emit(computed, file: "m.onnx")) { error in
      guard case TVMError.invalidArgument(_, "pad", "Pad", "input 1", _, _) = error else { return XCTFail("\(error)") }
    }
  }

  func test_TVMForm_writesThreeFilesAndRefusesAnExistingFolder() throws {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("tvmform-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: parent) }
    let destination = parent.appendingPathComponent("small.tvm")
    let module = try RelaxEmitter.emit(Self.smallGraph(), file: "small.onnx")
    try TVMForm.write(module, to: destination, force: false)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted(),
                   ["module.py", "params.npz", "provenance.json"])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["small.tvm"])  // no staging left
    XCTAssertThrowsError(try TVMForm.write(module, to: destination, force: false)) { error in
      guard case TVMError.outputExists = error else { return XCTFail("\(error)") }
    }
    try TVMForm.write(module, to: destination, force: true)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["small.tvm"])
  }
}
