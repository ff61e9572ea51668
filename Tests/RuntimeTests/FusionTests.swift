import ModelGraph
import TestSupport
import XCTest

@testable import Runtime

/// Pad → Conv → Mul → activation chains run as one Conv only when nothing needs the values in
/// between, and give the unfused nodes' results bit for bit (the unfused kernels are the ones
/// the ONNX node suite validates).
final class FusionTests: XCTestCase {
  /// `x → Pad → Conv(3×3, stride) → Mul(k) → act → Add(residual = conv input's twin)`.
  func chain(
    channels c: Int = 12, size: Int = 19, depthwise: Bool, stride: Int = 1, padValue: Float = 0,
    factor: Tensor? = nil, activation: Node? = nil
  ) -> Model {
    var seed: UInt32 = 11
    func next() -> Float { seed = seed &* 1_664_525 &+ 1_013_904_223; return Float(seed >> 8) / Float(1 << 24) - 0.5 }
    let m = 16, cin = depthwise ? 1 : c, out = depthwise ? c : m
    var g = Graph(name: "chain")
    g.inputs = [.tensor("x", .float32, [.fixed(1), .fixed(c), .fixed(size), .fixed(size)])]
    g.initializers = [
      "pads": Tensor(int64: [0, 0, 1, 2, 0, 0, 1, 0], shape: [8]),
      "value": Tensor([padValue], shape: []),
      "w": Tensor((0..<(out * cin * 9)).map { _ in next() }, shape: [out, cin, 3, 3]),
      "b": Tensor((0..<out).map { _ in next() }, shape: [out]),
      "k": factor ?? Tensor((0..<out).map { _ in 2 * next() }, shape: [out, 1, 1]),
      "lo": Tensor([-0.1], shape: []), "hi": Tensor([0.3], shape: []),
    ]
    g.nodes = [
      Node(name: "pad", opType: "Pad", inputs: ["x", "pads", "value"], outputs: ["padded"]),
      Node(name: "conv", opType: "Conv", inputs: ["padded", "w", "b"], outputs: ["conv"],
           attributes: ["group": .int(depthwise ? Int64(c) : 1), "strides": .ints([Int64(stride), Int64(stride)])]),
      Node(name: "mul", opType: "Mul", inputs: ["k", "conv"], outputs: ["scaled"]),
      activation ?? Node(name: "act", opType: "Clip", inputs: ["scaled", "lo", "hi"], outputs: ["act"]),
    ]
    g.outputs = [.tensor(g.nodes[3].outputs[0], .float32, nil)]
    return Model(graph: g)
  }

  /// The node names of each fused chain, longest first.
  func fusedNames(_ model: Model) throws -> [[String]] {
    let interpreter = try Interpreter(model: model)
    return interpreter.chains.values.map { $0.nodes.map { interpreter.graph.nodes[$0].name } }.sorted { $0.count > $1.count }
  }

  /// Every tensor of the graph computed one node at a time (re-execution never fuses).
  func nodeByNode(_ interpreter: Interpreter, _ x: Tensor) throws -> [String: Tensor] {
    var tensors = ["x": x]
    for node in interpreter.graph.nodes {
      let inputs = node.inputs.filter { !$0.isEmpty && tensors[$0] != nil }
      let outputs = try interpreter.runNode(named: node.name, inputs: Dictionary(uniqueKeysWithValues: inputs.map { ($0, tensors[$0]!) }))
      tensors.merge(outputs) { $1 }
    }
    return tensors
  }

  func input(channels c: Int = 12, size: Int = 19) -> Tensor {
    Tensor((0..<(c * size * size)).map { Float(($0 * 37) % 101) / 50 - 1 }, shape: [1, c, size, size])
  }

  /// The fused run's output and the same graph's output computed node by node; checks on the
  /// way that a capture-all run (fused, keeping the inner values) gives every tensor of the
  /// node-by-node run bit for bit.
  func fusedAndUnfused(_ model: Model, isa: KernelISA = .best) throws -> (fused: Tensor, unfused: Tensor, chains: [Int: FusedChain]) {
    let interpreter = try Interpreter(model: model, isa: isa)
    let name = try XCTUnwrap(model.graph.outputs.first?.name)
    let fused = try XCTUnwrap(interpreter.run(inputs: ["x": input()]).outputs[name])
    let reference = try nodeByNode(interpreter, input())
    let all = try interpreter.run(inputs: ["x": input()], capture: .all)
    XCTAssertEqual(Set(all.captured.keys), Set(reference.keys), "capture-all sees every tensor")
    var streamed: [String] = []
    _ = try interpreter.run(inputs: ["x": input()], capture: .all) { name, _ in streamed.append(name) }
    XCTAssertEqual(streamed.count, Set(streamed).count, "each tensor streamed once: \(streamed)")
    for (tensor, value) in reference { XCTAssertEqual(all.captured[tensor], value, "captured '\(tensor)'") }
    return (fused, try XCTUnwrap(reference[name]), interpreter.chains)
  }

  func test_Fusion_wholeChainMatchesUnfusedBitForBit() throws {
    for depthwise in [false, true] {
      for stride in [1, 2] {
        for isa in KernelISA.supported {
          let (fused, unfused, chains) = try fusedAndUnfused(chain(depthwise: depthwise, stride: stride), isa: isa)
          XCTAssertEqual(chains.count, 2)
          XCTAssertEqual(try fusedNames(chain(depthwise: depthwise, stride: stride)), [["pad", "conv", "mul", "act"], ["conv", "mul", "act"]])
          XCTAssertEqual(fused, unfused, "depthwise \(depthwise) stride \(stride) isa \(isa)")
        }
      }
    }
  }

  func test_Fusion_activationsMatchTheirKernels() throws {
    let activations = [
      Node(name: "act", opType: "Relu", inputs: ["scaled"], outputs: ["act"]),
      Node(name: "act", opType: "LeakyRelu", inputs: ["scaled"], outputs: ["act"], attributes: ["alpha": .float(0.2)]),
      Node(name: "act", opType: "Clip", inputs: ["scaled", "", "hi"], outputs: ["act"]),
    ]
    for activation in activations {
      let (fused, unfused, chains) = try fusedAndUnfused(chain(depthwise: false, activation: activation))
      XCTAssertEqual(chains.first?.value.fusion.activation == nil, false, activation.opType)
      XCTAssertEqual(fused, unfused, activation.opType)
    }
    // Conv straight into the activation, no Mul between.
    var direct = chain(depthwise: false, activation: Node(name: "act", opType: "Relu", inputs: ["conv"], outputs: ["act"]))
    direct.graph.nodes.removeAll { $0.name == "mul" }
    XCTAssertEqual(try fusedNames(direct).first, ["pad", "conv", "act"])
    let (fused, unfused, _) = try fusedAndUnfused(direct)
    XCTAssertEqual(fused, unfused)
  }

  func test_Fusion_leavesOutWhatItCannotReproduce() throws {
    // A non-zero pad value, a Mul by a full tensor, a Clip whose bound the graph computes.
    XCTAssertEqual(try fusedNames(chain(depthwise: true, padValue: 1)), [["conv", "mul", "act"]], "a Pad with value 1 stays a node")
    let fullFactor = Tensor((0..<(16 * 19 * 19)).map { Float($0 % 7) }, shape: [1, 16, 19, 19])
    XCTAssertEqual(try fusedNames(chain(depthwise: false, factor: fullFactor)), [["pad", "conv"]], "a full-tensor Mul stays a node")
    var model = chain(depthwise: false)
    model.graph.nodes.insert(Node(name: "neg", opType: "Neg", inputs: ["lo"], outputs: ["computed"]), at: 0)
    model.graph.nodes[4].inputs = ["scaled", "computed", "hi"]
    XCTAssertEqual(try fusedNames(model), [["pad", "conv", "mul"], ["conv", "mul"]], "a computed Clip bound stays a node")
    for model in [chain(depthwise: true, padValue: 1), chain(depthwise: false, factor: fullFactor)] {
      let (fused, unfused, _) = try fusedAndUnfused(model)
      XCTAssertEqual(fused, unfused)
    }
  }

  func test_Fusion_capturedOrReexecutedValuesAreMaterialised() throws {
    let interpreter = try Interpreter(model: chain(depthwise: false))
    let all = try interpreter.run(inputs: ["x": input()], capture: .all)
    for wanted in [["scaled"], ["conv"], ["padded"], ["conv", "scaled"]] {
      let some = try interpreter.run(inputs: ["x": input()], capture: .tensors(Set(wanted)))
      XCTAssertEqual(Set(some.captured.keys), Set(wanted))
      for name in wanted { XCTAssertEqual(some.captured[name], all.captured[name], name) }
      XCTAssertEqual(some.outputs, all.outputs)
    }
    let conv = try interpreter.runNode(named: "conv", inputs: ["padded": try XCTUnwrap(all.captured["padded"])])
    XCTAssertEqual(conv["conv"], all.captured["conv"], "re-running the Conv alone gives its own output")
    let tail = try interpreter.runSubgraph(from: ["x"], to: ["scaled"], feeds: ["x": input()])
    XCTAssertEqual(tail["scaled"], all.captured["scaled"])
  }

  /// torch.onnx's shape: weights through Identity, Conv → BatchNormalization → Clip with bounds
  /// from Constant nodes. The whole chain fuses and matches the node-by-node run bit for bit.
  func test_Fusion_batchNormalizationChainFromTorchStyleGraph() throws {
    for depthwise in [false, true] {
      var model = chain(depthwise: depthwise, stride: 2)
      let out = depthwise ? 12 : 16
      model.graph.initializers["gamma"] = Tensor((0..<out).map { 0.5 + Float($0) / 10 }, shape: [out])
      model.graph.initializers["beta"] = Tensor((0..<out).map { Float($0) / 7 - 1 }, shape: [out])
      model.graph.initializers["mean"] = Tensor((0..<out).map { Float($0 % 5) / 9 }, shape: [out])
      model.graph.initializers["var"] = Tensor((0..<out).map { 0.2 + Float($0 % 3) }, shape: [out])
      model.graph.nodes = [
        Node(name: "wid", opType: "Identity", inputs: ["w"], outputs: ["w2"]),
        Node(name: "pad", opType: "Pad", inputs: ["x", "pads", "value"], outputs: ["padded"]),
        Node(name: "conv", opType: "Conv", inputs: ["padded", "w2", "b"], outputs: ["conv"],
             attributes: ["group": .int(depthwise ? 12 : 1), "strides": .ints([2, 2])]),
        Node(name: "bn", opType: "BatchNormalization", inputs: ["conv", "gamma", "beta", "mean", "var"], outputs: ["scaled"],
             attributes: ["epsilon": .float(1e-3)]),
        Node(name: "lo", opType: "Constant", inputs: [], outputs: ["low"], attributes: ["value": .tensor(Tensor([-0.2], shape: []))]),
        Node(name: "act", opType: "Clip", inputs: ["scaled", "low", "hi"], outputs: ["act"]),
      ]
      XCTAssertEqual(try fusedNames(model).first, ["pad", "conv", "bn", "act"], "depthwise \(depthwise)")
      let (fused, unfused, _) = try fusedAndUnfused(model)
      XCTAssertEqual(fused, unfused, "depthwise \(depthwise)")
    }
  }
}
