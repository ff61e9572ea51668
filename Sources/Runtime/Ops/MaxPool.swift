import ModelGraph

/// `Y = max over each window` (padding never wins); optional `Indices` output holds the flat
/// argmax (`storage_order` 1: column-major over the spatial axes). `ceil_mode`, `dilations`.
struct MaxPool: FloatKernel {
  static let key = OpKey("MaxPool", since: 1)
  static let arity = 1...1
  static let integers = true
  var window: Window
  var columnMajor = false
  /// Whether the node names the optional `Indices` output.
  var indices = false

  init(node: Node, opset: Int) throws(RuntimeError) {
    window = try Window(node: node)
    columnMajor = try node.int("storage_order", default: 0) == 1
    indices = node.outputs.count > 1 && !node.outputs[1].isEmpty
    guard window.kernelShape != nil else { throw .attribute(name: "kernel_shape", expected: "a list of ints", found: "missing") }
  }

  func compute(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard (3...5).contains(x.rank) else { throw .shape(input: 0, expected: "[N, C, 1 to 3 spatial axes]", found: x.shape) }
    let g = try window.geometry(input: Array(x.shape[2...]), kernel: window.kernelShape ?? [])
    if !indices, g.input.count == 2 { return [Pool.max2D(x, g, context: context)] }
    let (y, argmax) = Pool.apply(x, g, .max, columnMajor: columnMajor, context: context)
    return [y, argmax]
  }
}
