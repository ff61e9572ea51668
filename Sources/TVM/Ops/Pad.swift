import ModelGraph

/// Pads every axis by constant widths; ONNX's `[b0, b1, …, e0, e1, …]` becomes Relax's
/// `[b0, e0, b1, e1, …]`; modes constant, reflect and edge (Relax "replicate") → `R.nn.pad`.
struct Pad: RelaxOp {
  static let opType = "Pad"
  static let modes = ["constant": "constant", "reflect": "reflect", "edge": "replicate"]

  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    let x = try builder.operand(node, 0)
    let mode = node.string("mode", default: "constant")
    guard let relaxMode = modes[mode] else {
      throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "mode",
                             expected: modes.keys.sorted().joined(separator: ", "), found: mode)
    }
    guard let pads = try builder.constant(node, 1)?.int64s(), pads.count % 2 == 0 else {
      throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "pads",
                             expected: "a constant int64 tensor of 2 × rank widths", found: "absent or another type")
    }
    if try builder.constant(node, 3) != nil {
      throw .invalidArgument(file: builder.file, node: node.name, op: opType, argument: "axes",
                             expected: "absent (every axis)", found: "given")
    }
    var value: Float = 0
    if let tensor = try builder.constant(node, 2), let values = tensor.floats(), values.count == 1 { value = values[0] }
    let rank = pads.count / 2
    let widths = (0..<rank).flatMap { [pads[$0], pads[rank + $0]] }
    builder.bind(node, "R.nn.pad(\(x), pad_width=\(RelaxSpelling.ints(widths)), pad_mode=\"\(relaxMode)\", "
      + "pad_value=\(try builder.float(node, "constant_value", value)))")
  }
}
