import ModelGraph
import TestSupport
import XCTest

@testable import Runtime

/// The interpreter's contract: whole-graph checks, typed feed errors, capture and re-execution.
final class InterpreterTests: XCTestCase {
  /// `y = Gemm(x, w)`, `z = Gemm(y, w)` with a 2×2 weight.
  func twoGemms() -> Model {
    var g = Graph(name: "two")
    g.inputs = [.tensor("x", .float32, [.symbolic("N"), .fixed(2)])]
    g.initializers = ["w": Tensor([1, 2, 3, 4], shape: [2, 2])]
    g.nodes = [
      Node(name: "g1", opType: "Gemm", inputs: ["x", "w"], outputs: ["y"]),
      Node(name: "g2", opType: "Gemm", inputs: ["y", "w"], outputs: ["z"]),
    ]
    g.outputs = [.tensor("z", .float32, nil)]
    return Model(graph: g)
  }

  func test_Interpreter_reportsEveryUnsupportedOpAtOnce() {
    var model = twoGemms()
    model.graph.nodes[0].opType = "Frobnicate"
    model.graph.nodes[1].opType = "Quux"
    XCTAssertThrowsError(try Interpreter(model: model)) { error in
      guard case RuntimeError.unsupportedOps(let ops, let supported) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(ops.map(\.op), ["Frobnicate", "Quux"])
      XCTAssertEqual(ops[0].nodes, ["g1"])
      XCTAssertTrue(supported.contains("Gemm"))
      XCTAssertTrue("\(error)".contains("'g1'"))
    }
  }

  func test_Interpreter_undefinedTensorNamesTheNode() {
    var model = twoGemms()
    model.graph.nodes[1].inputs = ["nowhere", "w"]
    XCTAssertThrowsError(try Interpreter(model: model)) { error in
      XCTAssertTrue("\(error)".contains("'g2'") && "\(error)".contains("'nowhere'"), "\(error)")
    }
  }

  func test_Interpreter_badFeedsAreTypedErrors() throws {
    let interpreter = try Interpreter(model: twoGemms())
    let good = Tensor([1, 2], shape: [1, 2])
    func check(_ inputs: [String: Tensor], _ match: (RuntimeError) -> Bool) {
      XCTAssertThrowsError(try interpreter.run(inputs: inputs)) { error in
        guard let e = error as? RuntimeError, match(e) else { return XCTFail("unexpected \(error)") }
      }
    }
    check([:]) { if case .missingInput("x", _) = $0 { true } else { false } }
    check(["x": good, "extra": good]) { if case .unknownInput("extra", ["x"]) = $0 { true } else { false } }
    check(["x": Tensor(int64: [1, 2], shape: [1, 2])]) {
      if case .inputDType("x", .float32, .int64) = $0 { true } else { false }
    }
    check(["x": Tensor([1, 2, 3], shape: [1, 3])]) {
      if case .inputShape("x", _, [1, 3]) = $0 { true } else { false }
    }
  }

  func test_Interpreter_kernelErrorsNameTheNode() throws {
    var model = twoGemms()
    model.graph.inputs = [.tensor("x", .float32, nil)]
    let interpreter = try Interpreter(model: model)
    XCTAssertThrowsError(try interpreter.run(inputs: ["x": Tensor([1, 2, 3], shape: [1, 3])])) { error in
      guard case RuntimeError.node(name: "g1", op: "Gemm", .shape(input: 1, _, _)) = error else {
        return XCTFail("\(error)")
      }
    }
  }

  func test_Interpreter_countsNonFiniteInputs() throws {
    let interpreter = try Interpreter(model: twoGemms())
    let result = try interpreter.run(inputs: ["x": Tensor([.nan, .infinity, 1, 2], shape: [2, 2])])
    XCTAssertEqual(result.nonFiniteInputs, ["x": 2])
  }

  func test_Interpreter_captureMatchesPlainRunAndReexecution() throws {
    let interpreter = try Interpreter(model: twoGemms())
    let x = Tensor([0.5, -1, 2, 3], shape: [2, 2])
    let plain = try interpreter.run(inputs: ["x": x])
    var streamed: [String] = []
    let all = try interpreter.run(inputs: ["x": x], capture: .all) { name, _ in streamed.append(name) }
    XCTAssertEqual(streamed, ["x", "y", "z"])
    XCTAssertEqual(all.outputs["z"], plain.outputs["z"])
    let kept = try interpreter.run(inputs: ["x": x], capture: .tensors(["y"]))
    let y = try XCTUnwrap(kept.captured["y"])
    XCTAssertEqual(try interpreter.runNode(named: "g2", inputs: ["y": y])["z"], plain.outputs["z"])
    XCTAssertEqual(try interpreter.runSubgraph(from: ["x"], to: ["z"], feeds: ["x": x])["z"], plain.outputs["z"])
    XCTAssertThrowsError(try interpreter.runSubgraph(from: ["y"], to: ["z"], feeds: [:]))
  }
}
