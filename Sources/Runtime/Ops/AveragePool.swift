import ModelGraph

/// `Y = mean over each window`, dividing by the in-input count, or by the padded window size
/// when `count_include_pad`. `ceil_mode`, `auto_pad`.
struct AveragePool: FloatKernel {
  static let key = OpKey("AveragePool", since: 1)
  static let arity = 1...1
  var window: Window
  var countIncludePad = false

  init(node: Node, opset: Int) throws(RuntimeError) {
    window = try Window(node: node)
    countIncludePad = try node.int("count_include_pad", default: 0) != 0
    guard window.kernelShape != nil else { throw .attribute(name: "kernel_shape", expected: "a list of ints", found: "missing") }
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard (3...5).contains(x.rank) else { throw .shape(input: 0, expected: "[N, C, 1 to 3 spatial axes]", found: x.shape) }
    let g = try window.geometry(input: Array(x.shape[2...]), kernel: window.kernelShape ?? [])
    return [Pool.apply(x, g, .average(countIncludePad: countIncludePad), context: context).0]
  }
}
