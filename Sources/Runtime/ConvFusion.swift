import ModelGraph

/// What a convolution takes over from its neighbours when nothing else reads the values in
/// between: a zero Pad before it, then a per-channel Mul or a BatchNormalization and an
/// activation after it (tf2onnx writes `[Pad] → Conv → [Mul] → [Clip]`, torch.onnx
/// `Conv → BatchNormalization → [Clip | Relu]`).
struct ConvFusion: Sendable {
  /// Spatial zero padding `[x1_begin, …, x1_end, …]` added to the Conv's own.
  var pads: [Int]?
  /// One factor per output channel, applied after the bias…
  var scale: [Float]?
  /// …and one term per output channel after that (a BatchNormalization's `x·a + b`).
  var shift: [Float]?
  var activation: Activation?
  /// Whether the run also returns the Conv's own output (after the bias) and the scaled value
  /// (before the activation), for a capture that wants them: outputs `[final, biased?, scaled?]`.
  var keepBiased = false
  var keepScaled = false
}

/// A kernel that runs with a `ConvFusion` (float32 input).
protocol ConvFusing: Kernel {
  func run(_ inputs: [Tensor?], fusion: ConvFusion, context: KernelContext) throws(RuntimeError) -> [Tensor]
}

/// A Pad kernel that can say which zero padding it adds, given its constant inputs after the
/// first (`nil` for omitted ones); `nil` when it is another kind of pad.
protocol ZeroPadding: Kernel {
  func zeroPads(constants: [Tensor?]) -> [Int]?
}

extension Pad11: ZeroPadding {
  func zeroPads(constants: [Tensor?]) -> [Int]? {
    guard mode == "constant", constants.count > 1, let pads = constants[1]?.int64s()?.map({ Int($0) }) else { return nil }
    if constants.count > 2, let value = constants[2] {
      guard value.elementCount == 1, let v = value.floats()?.first, v == 0, v.sign == .plus else { return nil }
    }
    return pads
  }
}

extension Pad2: ZeroPadding {
  func zeroPads(constants: [Tensor?]) -> [Int]? {
    mode == "constant" && value == 0 && value.sign == .plus ? pads : nil
  }
}

extension BatchNormalization {
  /// `(a, b)` of `x·a + b` when the four parameters are constants of `channels` values.
  func channelAffine(constants: [Tensor?], channels: Int) -> (scale: [Float], shift: [Float])? {
    guard constants.count == 5 else { return nil }
    var params: [[Float]] = []
    for t in constants[1...] {
      guard let t, t.isFloat, t.elementCount == channels, let values = t.floats() else { return nil }
      params.append(values)
    }
    return affine(params)
  }
}

/// Nodes the interpreter runs as one fused Conv at the chain's first node: `[Pad] → Conv →
/// [Mul by channel | BatchNormalization] → [activation]`. A run that needs the Pad's output
/// runs the Pad alone (the chain also stands without it); the Conv's and the middle node's
/// outputs are produced alongside the final one when a capture wants them.
struct FusedChain: Sendable {
  /// The chain's nodes in graph order; the first is where it runs.
  var nodes: [Int]
  var conv: Int
  /// The slot the chain reads (the Pad's input, or the Conv's input 0).
  var input: Int
  /// The Conv's other inputs (weight, bias), constants known when the graph was planned.
  var operands: [Tensor?]
  /// Slots produced inside the chain.
  var intermediates: [Int]
  /// The Pad's output slot, when the chain starts with a Pad.
  var padded: Int?
  var convOutput: Int
  /// The Mul's or BatchNormalization's output slot when an activation follows it (else it is
  /// `output`).
  var scaledOutput: Int?
  /// The last node's output slot.
  var output: Int
  var fusion: ConvFusion
  var kernel: any ConvFusing

  /// Chains by first node, for every Conv with constant weights that has a zero Pad before it
  /// or a per-channel Mul, a BatchNormalization or an activation after it, each the only reader
  /// of the value between; a chain with a Pad also stands without it under its Conv.
  /// `constants` are the initializers and whatever Constant and Identity nodes make of them.
  static func plan(
    graph: Graph, kernels: [any Kernel], inputSlots: [[Int]], outputSlots: [[Int]], constants: [Int: Tensor],
    graphOutputs: Set<Int>
  ) -> [Int: FusedChain] {
    var readers: [Int: [Int]] = [:], producer: [Int: Int] = [:]
    for (i, slots) in inputSlots.enumerated() { for s in slots where s >= 0 { readers[s, default: []].append(i) } }
    for (i, slots) in outputSlots.enumerated() { for s in slots where s >= 0 { producer[s] = i } }
    /// The one node reading `slot`, when it is not a graph output either.
    func onlyReader(_ slot: Int) -> Int? {
      guard !graphOutputs.contains(slot), let r = readers[slot], r.count == 1 else { return nil }
      return r[0]
    }
    /// Inputs after the first, when each is a constant or omitted.
    func constantOperands(_ node: Int) -> [Tensor?]? {
      var values: [Tensor?] = [nil]
      for s in inputSlots[node].dropFirst() {
        if s < 0 { values.append(nil); continue }
        guard let t = constants[s] else { return nil }
        values.append(t)
      }
      return values
    }
    func singleOutput(_ node: Int) -> Int? {
      outputSlots[node].count == 1 && outputSlots[node][0] >= 0 ? outputSlots[node][0] : nil
    }

    var chains: [Int: FusedChain] = [:]
    for (c, kernel) in kernels.enumerated() {
      guard let conv = kernel as? any ConvFusing, let convOut = singleOutput(c), inputSlots[c].count >= 2,
            inputSlots[c][0] >= 0, let operands = constantOperands(c), let w = constants[inputSlots[c][1]], w.rank >= 3
      else { continue }
      let rank = w.rank, channels = w.shape[0]
      var chain = FusedChain(nodes: [c], conv: c, input: inputSlots[c][0], operands: Array(operands.dropFirst()),
                             intermediates: [], padded: nil, convOutput: convOut, scaledOutput: nil, output: convOut,
                             fusion: ConvFusion(), kernel: conv)
      if let p = producer[chain.input], onlyReader(chain.input) == c, let pad = kernels[p] as? any ZeroPadding,
         inputSlots[p][0] >= 0, let operands = constantOperands(p), let pads = pad.zeroPads(constants: operands),
         pads.count == 2 * rank, pads.allSatisfy({ $0 >= 0 }), pads[0] == 0, pads[1] == 0, pads[rank] == 0, pads[rank + 1] == 0 {
        chain.nodes.insert(p, at: 0)
        chain.intermediates.append(chain.input)
        chain.padded = chain.input
        chain.input = inputSlots[p][0]
        chain.fusion.pads = Array(pads[2..<rank] + pads[(rank + 2)...])
      }
      if let j = onlyReader(chain.output), kernels[j] is Mul, let out = singleOutput(j),
         let scale = Self.channelFactors(j, of: chain.output, inputSlots: inputSlots, constants: constants, rank: rank, channels: channels) {
        chain.nodes.append(j)
        chain.intermediates.append(chain.output)
        chain.output = out
        chain.fusion.scale = scale
      } else if let j = onlyReader(chain.output), let norm = kernels[j] as? BatchNormalization, inputSlots[j].first == chain.output,
                let out = singleOutput(j), let operands = constantOperands(j),
                let affine = norm.channelAffine(constants: operands, channels: channels) {
        chain.nodes.append(j)
        chain.intermediates.append(chain.output)
        chain.output = out
        chain.fusion.scale = affine.scale
        chain.fusion.shift = affine.shift
      }
      if let j = onlyReader(chain.output), let act = kernels[j] as? any ActivationKernel, inputSlots[j].first == chain.output,
         let out = singleOutput(j), let operands = constantOperands(j), let activation = act.activation(constants: operands) {
        if chain.output != chain.convOutput { chain.scaledOutput = chain.output }
        chain.nodes.append(j)
        chain.intermediates.append(chain.output)
        chain.output = out
        chain.fusion.activation = activation
      }
      if chain.nodes.count > 1 { chains[chain.nodes[0]] = chain }
      // Without its Pad, for runs that capture the padded tensor: the Pad runs alone first.
      if let padded = chain.padded, chain.nodes.count > 2 {
        var tail = chain
        tail.nodes.removeFirst()
        tail.intermediates.removeFirst()
        tail.input = padded
        tail.padded = nil
        tail.fusion.pads = nil
        chains[c] = tail
      }
    }
    return chains
  }

  /// The per-output-channel factors of Mul node `j` that multiplies `slot` (a Conv output of
  /// `rank` with `channels` channels) by a float32 constant of shape `[1|C, 1, …]` aligned to
  /// the channel axis, or a scalar.
  static func channelFactors(
    _ j: Int, of slot: Int, inputSlots: [[Int]], constants: [Int: Tensor], rank: Int, channels: Int
  ) -> [Float]? {
    let slots = inputSlots[j]
    guard slots.count == 2, slots.filter({ $0 == slot }).count == 1, let other = slots.first(where: { $0 != slot }),
          let k = constants[other], k.dtype == .float32, k.rank <= rank, let values = k.floats() else { return nil }
    let shape = Array(repeating: 1, count: rank - k.rank) + k.shape
    guard shape.enumerated().allSatisfy({ $0.offset == 1 ? ($0.element == 1 || $0.element == channels) : $0.element == 1 }) else {
      return nil
    }
    return values.count == channels ? values : Array(repeating: values[0], count: channels)
  }
}
