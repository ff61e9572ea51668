import ModelGraph

/// Nearest-neighbour upsampling by the `scales` attribute (opsets 7–8); see `Upsample9`.
struct Upsample7: Kernel {
  static let key = OpKey("Upsample", since: 7)
  static let arity: ClosedRange<Int> = 1...1
  let mode: String, scales: [Float]

  init(node: Node, opset: Int) throws(RuntimeError) {
    mode = try node.string("mode", default: "nearest")
    guard let scales = try node.floats("scales") else { throw .attribute(name: "scales", expected: "a list of floats", found: "absent") }
    self.scales = scales
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    try Upsample9.nearest(try inputs.required(0), scales: scales, mode: mode, context: context)
  }
}
