import ModelGraph

/// `relax.nn.max_pool2d` / `avg_pool2d` → `MaxPool` / `AveragePool`; `adaptive_avg_pool2d` to
/// 1x1 → `GlobalAveragePool`; `relax.mean` over axes → `ReduceMean`. NCHW only.
enum RelaxPool {
  static func max(_ e: inout ATenEmitter) throws(LoweringError) { try window(&e, "MaxPool") }
  static func average(_ e: inout ATenEmitter) throws(LoweringError) { try window(&e, "AveragePool") }

  private static func window(_ e: inout ATenEmitter, _ op: String) throws(LoweringError) {
    try RelaxLayout.require(&e, ["layout": "NCHW", "out_layout": "NCHW"])
    var attributes: [String: Attribute] = [
      "kernel_shape": .ints(try e.spatial("pool_size", count: 2).map { Int64($0) }),
      "strides": .ints(try e.spatial("strides", count: 2).map { Int64($0) }),
      "pads": .ints(try RelaxLayout.pads(e, "padding").map { Int64($0) }),
      "dilations": .ints(try e.spatial("dilation", count: 2).map { Int64($0) }),
      "ceil_mode": .int(try RelaxLayout.flag(e, "ceil_mode")),
    ]
    if op == "AveragePool" { attributes["count_include_pad"] = .int(try RelaxLayout.flag(e, "count_include_pad")) }
    e.finish(op, [e.input(0)], attributes)
  }

  static func adaptiveAverage(_ e: inout ATenEmitter) throws(LoweringError) {
    try RelaxLayout.require(&e, ["layout": "NCHW", "out_layout": "NCHW"])
    let size = e.has("output_size") ? try e.ints("output_size") : [1, 1]
    guard size.allSatisfy({ $0 == 1 }) else { throw e.fail("output_size", expected: "[1, 1] (global pooling)", found: "\(size)") }
    e.finish("GlobalAveragePool", [e.input(0)])
  }

  static func mean(_ e: inout ATenEmitter) throws(LoweringError) {
    let rank = try e.rank(e.input(0))
    let axes = e.has("axis") ? try e.ints("axis") : Array(0..<rank)
    e.finish("ReduceMean", [e.input(0)], [
      "axes": .ints(axes.map { Int64($0 < 0 ? $0 + rank : $0) }),
      "keepdims": .int(try RelaxLayout.flag(e, "keepdims")),
    ])
  }
}
