import ModelGraph

/// The shared step of ScatterElements and ScatterND: a copy of `data` in which element
/// `targets[i]` is combined with element `i` of `updates` — replaced, or reduced with
/// `add`, `mul`, `max` or `min` — in order, so later duplicates win.
enum Scattering {
  static func apply(_ data: Tensor, targets: [Int], updates: Tensor, reduction: String) throws(RuntimeError) -> Tensor {
    guard updates.dtype == data.dtype else { throw .dtype(input: 2, expected: data.dtype.name, found: updates.dtype) }
    func fold<T: Comparable & Numeric>(_ out: inout [T], _ v: [T]) throws(RuntimeError) {
      for (i, t) in targets.enumerated() {
        switch reduction {
        case "none": out[t] = v[i]
        case "add": out[t] += v[i]
        case "mul": out[t] *= v[i]
        case "max": out[t] = max(out[t], v[i])
        case "min": out[t] = min(out[t], v[i])
        default: throw .attribute(name: "reduction", expected: "none, add, mul, max or min", found: "'\(reduction)'")
        }
      }
    }
    switch data.dtype.computeClass {
    case .float:
      var out = data.floats() ?? []
      try fold(&out, updates.floats() ?? [])
      return Tensor(out, shape: data.shape).converted(to: data.dtype)
    case .integer, .bool:
      var out = data.int64s() ?? []
      try fold(&out, updates.int64s() ?? [])
      return Tensor.integers(out, dtype: data.dtype, shape: data.shape)
    case nil:
      throw .dtype(input: 0, expected: "a numeric or bool tensor", found: data.dtype)
    }
  }

  /// `index` (negative counts from the end) checked against a dimension of size `d`.
  static func index(_ index: Int64, _ d: Int, input: Int) throws(RuntimeError) -> Int {
    guard (-Int64(d)..<Int64(d)).contains(index) else { throw .shape(input: input, expected: "indices in [-\(d), \(d))", found: [Int(index)]) }
    return Int(index < 0 ? index + Int64(d) : index)
  }
}
