import ModelGraph

/// Nearest-neighbour upsampling by the per-axis `scales` input (opset 9):
/// output dimension `⌊d·scale⌋`, output index `o` reads `⌊o / scale⌋`. Linear mode is
/// `Resize`'s job; it is reported as unsupported here.
struct Upsample9: Kernel {
  static let key = OpKey("Upsample", since: 9)
  static let arity: ClosedRange<Int> = 2...2
  let mode: String

  init(node: Node, opset: Int) throws(RuntimeError) { mode = try node.string("mode", default: "nearest") }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try Self.nearest(try inputs.required(0), scales: try inputs.float(1).floats() ?? [], mode: mode, context: context)
  }

  static func nearest(_ x: Tensor, scales: [Float], mode: String, context: KernelContext) throws(RuntimeError) -> [Tensor] {
    guard mode == "nearest" else { throw .unsupported("Upsample mode '\(mode)' (use Resize)") }
    guard scales.count == x.rank, scales.allSatisfy({ $0 >= 1 && $0 < 1e6 }) else {
      throw .shape(input: 1, expected: "\(x.rank) scales ≥ 1", found: [scales.count])
    }
    var y = x
    for (a, s) in scales.enumerated() where s != 1 {
      let d = y.shape[a], out = Int(Float(d) * s)
      let picks = (0..<out).map { Int64(min(Int(Float($0) / s), d - 1)) }
      y = try Gather(axis: a).run([y, Tensor(int64: picks, shape: [out])], context: context)[0]
    }
    return [y]
  }
}
