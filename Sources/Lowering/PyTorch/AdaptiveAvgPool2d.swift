import ModelGraph

/// `adaptive_avg_pool2d(output_size)`: 1×1 → `GlobalAveragePool`; sizes dividing the input →
/// `AvgPool` with kernel = stride = input / output; otherwise torch's windows
/// `[⌊i·in/out⌋, ⌈(i+1)·in/out⌉)` as slices averaged one axis at a time (the mean over a
/// window is the mean over its rows of the means over its columns).
enum AdaptiveAvgPool2d {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let output = try e.spatial("output_size", count: 2)
    if output == [1, 1] { return e.finish("GlobalAveragePool", [e.input(0)]) }
    let input = Array(try e.shape(e.input(0)).suffix(2))
    guard input.count == 2, output.allSatisfy({ $0 > 0 }) else {
      throw e.fail("output_size", expected: "positive sizes for a 2-D input", found: "\(output)")
    }
    if input[0] % output[0] == 0 && input[1] % output[1] == 0 {
      let kernel = [input[0] / output[0], input[1] / output[1]].map { Int64($0) }
      return e.finish("AveragePool", [e.input(0)], ["kernel_shape": .ints(kernel), "strides": .ints(kernel)])
    }
    let rows = windows(&e, e.input(0), axis: 2, input: input[0], output: output[0], last: false)
    _ = windows(&e, rows, axis: 3, input: input[1], output: output[1], last: true)
  }

  private static func windows(
    _ e: inout ATenEmitter, _ x: String, axis: Int, input: Int, output: Int, last: Bool
  ) -> String {
    let axes = e.int64s([axis], "axis\(axis)")
    var means: [String] = []
    for i in 0..<output {
      let start = i * input / output, end = ((i + 1) * input + output - 1) / output
      let slice = e.emit("Slice", [x, e.int64s([start], "start"), e.int64s([end], "end"), axes])
      means.append(e.emit("ReduceMean", [slice], ["axes": .ints([Int64(axis)]), "keepdims": .int(1)]))
    }
    return e.emit("Concat", means, ["axis": .int(Int64(axis))], output: last ? e.result() : nil)
  }
}
