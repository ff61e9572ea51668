import ModelGraph

/// ArgMax/ArgMin: the int64 index of the extreme element along `axis`; ties go to the first
/// index, or the last with `select_last_index`.
protocol ArgReduceKernel: Kernel {
  var axis: Int { get }
  var keepDims: Bool { get }
  var selectLast: Bool { get }
  init(axis: Int, keepDims: Bool, selectLast: Bool)
  /// True when `a` is strictly better than the best so far, `b`.
  func better(_ a: Float, _ b: Float) -> Bool
}

extension ArgReduceKernel {
  static var arity: ClosedRange<Int> { 1...1 }

  init(node: Node, opset: Int) throws(RuntimeError) {
    self.init(axis: try node.int("axis", default: 0), keepDims: try node.int("keepdims", default: 1) != 0,
              selectLast: try node.int("select_last_index", default: 0) != 0)
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    guard let a = Layout.axis(Int64(axis), rank: x.rank) else {
      throw .attribute(name: "axis", expected: "an axis in [-\(x.rank), \(x.rank))", found: "\(axis)")
    }
    guard let values = x.cast(to: .float32) else { throw .dtype(input: 0, expected: "a numeric tensor", found: x.dtype) }
    let r = Reduction(values, axes: [a], keepDims: keepDims)
    let indices = (r.input.floats() ?? []).withUnsafeBufferPointer { buffer in
      r.map(buffer) { chunk -> Int64 in
        var best = 0
        for i in chunk.indices.dropFirst() where better(chunk[i], chunk[best]) || (selectLast && chunk[i] == chunk[best]) {
          best = i
        }
        return Int64(best)
      }
    }
    return [Tensor(int64: indices, shape: r.shape)]
  }
}
