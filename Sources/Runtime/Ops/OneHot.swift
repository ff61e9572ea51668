import ModelGraph

/// `on_value` where the depth index along the new `axis` equals `indices`, `off_value`
/// elsewhere (`values = [off, on]`); negative indices count from `depth`, others outside it
/// match nothing.
struct OneHot: Kernel {
  static let key = OpKey("OneHot", since: 9)
  static let arity: ClosedRange<Int> = 3...3
  let axis: Int

  init(node: Node, opset: Int) throws(RuntimeError) { axis = try node.int("axis", default: -1) }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let indices = try inputs.required(0), values = try inputs.required(2)
    guard let depthValue = try inputs.required(1).floats()?.first, depthValue >= 1, depthValue < Float(Int32.max) else {
      throw .shape(input: 1, expected: "a positive scalar depth", found: try inputs.required(1).shape)
    }
    let depth = Int(depthValue)
    guard let a = Layout.axis(Int64(axis), rank: indices.rank + 1) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(indices.rank + 1), \(indices.rank + 1))", found: "\(axis)")
    }
    guard values.elementCount == 2, let size = try? values.elementSize(input: 2) else {
      throw .shape(input: 2, expected: "[off_value, on_value]", found: values.shape)
    }
    let shape = Array(indices.shape[..<a]) + [depth] + Array(indices.shape[a...])
    guard let count = Layout.count(shape) else { throw .shape(input: 1, expected: "a representable output", found: shape) }
    let targets = (indices.floats() ?? []).map { v in Int64(v < 0 ? v + Float(depth) : v) }
    let inner = indices.shape[a...].reduce(1, *)
    let picks = (0..<count).map { i in targets[i / (depth * inner) * inner + i % inner] == Int64(i / inner % depth) }
    return [Tensor.raw(dtype: values.dtype, shape: shape) { dst in
      guard let out = dst.baseAddress, let src = values.bytes.baseAddress else { return }
      for (i, on) in picks.enumerated() { (out + i * size).copyMemory(from: src + (on ? size : 0), byteCount: size) }
    }]
  }
}
