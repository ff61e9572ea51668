import Foundation
import ModelGraph

/// Runs an onnx-dialect model on the CPU, one kernel per node, optionally keeping or streaming
/// every intermediate tensor.
///
/// ```swift
/// let interpreter = try Interpreter(model: model, threads: 1)
/// let result = try interpreter.run(inputs: ["input": x], capture: .all)
/// result.outputs["logits"]; result.captured["conv1"]
/// ```
/// Construction checks the whole graph (every unsupported op in one error, undefined tensors,
/// arity) so a run fails only on bad feeds or data-dependent problems.
public struct Interpreter: Sendable {
  public let model: Model
  public let threads: Int
  /// The main graph in topological order.
  let graph: Graph
  let kernels: [any Kernel]
  /// Every tensor name gets a slot; `-1` marks an omitted optional input.
  let slotOf: [String: Int]
  let names: [String]
  let inputSlots: [[Int]]
  let outputSlots: [[Int]]
  /// Initializers (aligned float32 where they were float32) by slot.
  let constants: [Int: Tensor]
  /// `[Pad] → Conv → [Mul | BatchNormalization] → [activation]` chains that run as one Conv
  /// (by first node; see `FusedChain`).
  let chains: [Int: FusedChain]

  /// The instruction-set level of the vector kernels (`portable`: BLAS and Swift loops only).
  public let isa: KernelISA

  /// The most bytes of activations a run may hold at once (inputs, intermediates still to be
  /// read, captures kept in memory; weights not counted). Beyond it the run stops with
  /// `RuntimeError.memoryLimit` after the node that crossed it, instead of growing until the
  /// system thrashes or kills the process; captures streamed to a sink do not count.
  public var memoryLimit = Int.max

  /// `isa` defaults to `KernelISA.preferred()` (`DELTANN_ISA`, else the widest level the CPU
  /// runs); a level this CPU lacks is an error.
  public init(model: Model, threads: Int = 1, isa requested: KernelISA? = nil) throws(RuntimeError) {
    let isa: KernelISA
    if let requested { isa = requested } else { isa = try KernelISA.preferred() }
    guard KernelISA.supported.contains(isa) else {
      throw .unsupportedISA(isa.rawValue, supported: KernelISA.supported.map(\.rawValue))
    }
    let graph: Graph
    do throws(GraphError) {
      graph = try model.graph.topologicallySorted()
      try graph.validate()
    } catch { throw .invalidGraph(error) }
    try Registry.checkSupported(graph, opsets: model.opsetImports)

    var kernels: [any Kernel] = []
    for node in graph.nodes {
      let opset = Registry.opset(of: node.domain, in: model.opsetImports)
      guard let type = Registry.kernel(op: node.opType, domain: node.domain, opset: opset) else {
        preconditionFailure("checkSupported let \(node.opType) through")
      }
      guard type.arity.contains(node.inputs.count) else {
        throw .arity(node: node.name, op: node.opType, expected: type.arity, found: node.inputs.count)
      }
      do throws(RuntimeError) {
        kernels.append(try type.init(node: node, opset: opset))
      } catch { throw .node(name: node.name, op: node.opType, error) }
    }

    var slotOf: [String: Int] = [:], names: [String] = []
    func slot(_ name: String) -> Int {
      if name.isEmpty { return -1 }
      if let s = slotOf[name] { return s }
      slotOf[name] = names.count
      names.append(name)
      return names.count - 1
    }
    for input in graph.inputs { _ = slot(input.name) }
    for name in graph.initializers.keys.sorted() { _ = slot(name) }
    let inputSlots = graph.nodes.map { $0.inputs.map(slot) }
    let outputSlots = graph.nodes.map { $0.outputs.map(slot) }
    var constants: [Int: Tensor] = [:]
    for (name, t) in graph.initializers {
      constants[slot(name)] = t.dtype == .float32 ? (t.asFloat32() ?? t) : t
    }

    self.model = model
    self.threads = max(1, threads)
    self.isa = isa
    self.graph = graph
    self.kernels = kernels
    self.slotOf = slotOf
    self.names = names
    self.inputSlots = inputSlots
    self.outputSlots = outputSlots
    self.constants = constants
    // What Constant nodes make and Identity nodes pass on is as constant as an initializer
    // (torch.onnx writes Clip bounds and weights that way); the nodes themselves still run. An
    // initializer that is also a graph input may be fed another value: not a constant here.
    var known = constants
    for input in graph.inputs { if let s = slotOf[input.name] { known[s] = nil } }
    for (i, node) in graph.nodes.enumerated() where node.domain.isEmpty && outputSlots[i].count == 1 && outputSlots[i][0] >= 0 {
      if node.opType == "Constant", let t = try? kernels[i].run([], context: KernelContext(threads: 1, isa: .portable)).first {
        known[outputSlots[i][0]] = t
      } else if node.opType == "Identity", let s = inputSlots[i].first, s >= 0, let t = known[s] {
        known[outputSlots[i][0]] = t
      }
    }
    self.chains = FusedChain.plan(
      graph: graph, kernels: kernels, inputSlots: inputSlots, outputSlots: outputSlots, constants: known,
      graphOutputs: Set(graph.outputs.compactMap { slotOf[$0.name] }))
  }

  /// Runs the graph on `inputs` (by graph input name).
  ///
  /// Captured tensors go to `onTensor` as soon as they are produced when a sink is given (and
  /// are then not kept in the result), otherwise into `RunResult.captured`. Intermediates are
  /// freed after their last reader ran.
  public func run(
    inputs: [String: Tensor], capture: Capture = .none, timeNodes: Bool = false,
    onTensor: ((String, Tensor) throws -> Void)? = nil
  ) throws(RuntimeError) -> RunResult {
    try checkFeeds(inputs)
    if case .tensors(let wanted) = capture, let unknown = wanted.first(where: { slotOf[$0] == nil }) {
      throw .unknownTensor(unknown)
    }
    var values = [Tensor?](repeating: nil, count: names.count)
    for (slot, t) in constants { values[slot] = t }
    var result = RunResult(outputs: [:], captured: [:], nonFiniteInputs: [:], nodeSeconds: [:])
    var captured: [String: Tensor] = [:], capturedBytes = 0
    let inputBytes = inputs.values.reduce(0) { $0 + $1.bytes.count }
    if inputBytes > memoryLimit { throw .memoryLimit(after: nil, bytes: inputBytes, limit: memoryLimit) }
    func emit(_ name: String, _ t: Tensor) throws(RuntimeError) {
      guard capture.wants(name) else { return }
      guard let onTensor else {
        captured[name] = t
        capturedBytes += t.bytes.count
        if capturedBytes > memoryLimit { throw .memoryLimit(after: name, bytes: capturedBytes, limit: memoryLimit) }
        return
      }
      do { try onTensor(name, t) } catch { throw .sink(tensor: name, message: "\(error)") }
    }
    for (name, t) in inputs {
      guard let slot = slotOf[name] else { continue }
      values[slot] = t
      let bad = Self.nonFiniteCount(t)
      if bad > 0 { result.nonFiniteInputs[name] = bad }
      try emit(name, t)
    }
    let keep = Set(graph.outputs.compactMap { slotOf[$0.name] })
    result.nodeSeconds = try execute(
      Array(graph.nodes.indices), values: &values, keep: keep, captures: capture.wants, timeNodes: timeNodes, emit: emit)
    result.captured = captured
    for output in graph.outputs {
      guard let slot = slotOf[output.name], let t = values[slot] else { throw .unknownTensor(output.name) }
      result.outputs[output.name] = t
    }
    return result
  }

  /// Runs the nodes `order` (ascending) over `values`, freeing each slot after its last reader
  /// unless it is in `keep` or a constant. A fused chain runs as one Conv when all its nodes are
  /// in `order`, its input is float32, none of the values inside it is kept and its Pad's output
  /// (if any) is not captured; the Conv's and Mul's outputs come along when `captures` wants
  /// them. Returns each node's seconds when `timeNodes` (a fused chain's under its Conv).
  @discardableResult
  func execute(
    _ order: [Int], values: inout [Tensor?], keep: Set<Int>, captures: (String) -> Bool = { _ in false },
    timeNodes: Bool = false, emit: (String, Tensor) throws(RuntimeError) -> Void
  ) throws(RuntimeError) -> [String: Double] {
    var seconds: [String: Double] = [:]
    var lastUse = [Int](repeating: -1, count: names.count)
    for i in order { for s in inputSlots[i] where s >= 0 { lastUse[s] = i } }
    var live = values.indices.reduce(0) { constants[$1] == nil ? $0 + (values[$1]?.bytes.count ?? 0) : $0 }
    let context = KernelContext(threads: threads, isa: isa)
    // OpenBLAS's own threading picks its kernels by thread count; the kernels split the work
    // themselves (in bounds that do not depend on it) and call BLAS on one thread.
    setBLASThreads(1)
    let scheduled = Set(order)
    var fusedAway = Set<Int>()
    for i in order where !fusedAway.contains(i) {
      var chain = chains[i].flatMap { chain in
        chain.nodes.allSatisfy(scheduled.contains) && values[chain.input]?.dtype == .float32
          && !chain.intermediates.contains(where: keep.contains) && !(chain.padded.map { captures(names[$0]) } ?? false)
          ? chain : nil
      }
      if let c = chain {
        chain?.fusion.keepBiased = captures(names[c.convOutput])
        chain?.fusion.keepScaled = c.scaledOutput.map { captures(names[$0]) } ?? false
      }
      let node = graph.nodes[chain?.conv ?? i]
      let start = timeNodes ? DispatchTime.now().uptimeNanoseconds : 0
      let outputs: [Tensor]
      do throws(RuntimeError) {
        if let chain {
          outputs = try chain.kernel.run([values[chain.input]] + chain.operands, fusion: chain.fusion, context: context)
          fusedAway.formUnion(chain.nodes)
        } else {
          outputs = try kernels[i].run(inputSlots[i].map { $0 < 0 ? nil : values[$0] }, context: context)
        }
      } catch { throw .node(name: node.name, op: node.opType, error) }
      if timeNodes {
        seconds[node.name] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      }
      if let chain {
        // Captured values from inside the chain, in node order; nothing else reads them.
        let inner = [chain.fusion.keepBiased ? chain.convOutput : nil, chain.fusion.keepScaled ? chain.scaledOutput : nil]
        for (slot, tensor) in zip(inner.compactMap { $0 }, outputs.dropFirst()) { try emit(names[slot], tensor) }
      }
      let named = chain.map { [$0.output] } ?? outputSlots[i]
      if let last = named.lastIndex(where: { $0 >= 0 }), last >= outputs.count {
        throw .node(name: node.name, op: node.opType, .outputCount(expected: last + 1, found: outputs.count))
      }
      for (k, slot) in named.enumerated() where slot >= 0 {
        try emit(names[slot], outputs[k])
        if lastUse[slot] > i || keep.contains(slot) {
          live += outputs[k].bytes.count - (values[slot]?.bytes.count ?? 0)
          values[slot] = outputs[k]
        }
      }
      for s in inputSlots[i] where s >= 0 && lastUse[s] == i && !keep.contains(s) && constants[s] == nil {
        live -= values[s]?.bytes.count ?? 0
        values[s] = nil
      }
      if live > memoryLimit { throw .memoryLimit(after: node.name, bytes: live, limit: memoryLimit) }
    }
    return seconds
  }

  static func nonFiniteCount(_ t: Tensor) -> Int {
    guard t.isFloat, let f = t.asFloat32() else { return 0 }
    return f.withFloats { $0.reduce(0) { $1.isFinite ? $0 : $0 + 1 } }
  }
}
