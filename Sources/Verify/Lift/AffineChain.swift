import ModelGraph

/// Elementwise `x·scale + shift` with constant, broadcastable operands: composing a chain of
/// Mul/Add/Sub/Div by constants into one scale and one shift, the form constant-folding
/// converters leave behind.
enum AffineChain {
  /// `a` then `b` as one `(scale, shift)`, or `nil` when an operand is missing or the two
  /// constants do not broadcast to one shape (a scalar, or the same element count).
  static func compose(_ a: Step, then b: Step) -> (scale: WeightRef, shift: WeightRef)? {
    guard let (s1, b1) = scaleShift(a), let c = b.weights["const"], let cv = c.tensor.floats() else { return nil }
    let shape = [s1.shape, b1.shape, c.tensor.shape].max { $0.reduce(1, *) < $1.reduce(1, *) } ?? []
    let n = shape.reduce(1, *)
    guard let s = spread(s1, n), let sh = spread(b1, n), let k = spread(Tensor(cv, shape: c.tensor.shape), n) else { return nil }
    var scale = s, shift = sh
    for i in 0..<n {
      switch b.kind {
      case .add: shift[i] += k[i]
      case .sub: shift[i] -= k[i]
      case .mul: scale[i] *= k[i]; shift[i] *= k[i]
      case .div: scale[i] /= k[i]; shift[i] /= k[i]
      default: return nil
      }
    }
    let names = a.weights.values.map(\.name).sorted().joined(separator: "+") + "+" + c.name
    return (WeightRef(Tensor(scale, shape: shape), name: names), WeightRef(Tensor(shift, shape: shape), name: names))
  }

  /// A single step's scale and shift.
  private static func scaleShift(_ s: Step) -> (Tensor, Tensor)? {
    if s.kind == .affine, let sc = s.weights["scale"]?.tensor.floats(), let sh = s.weights["shift"]?.tensor.floats(),
      let a = s.weights["scale"], let b = s.weights["shift"]
    {
      return (Tensor(sc, shape: a.tensor.shape), Tensor(sh, shape: b.tensor.shape))
    }
    guard let c = s.weights["const"], let v = c.tensor.floats() else { return nil }
    let one = Tensor([1], shape: []), zero = Tensor([0], shape: [])
    switch s.kind {
    case .mul: return (Tensor(v, shape: c.tensor.shape), zero)
    case .div: return (Tensor(v.map { 1 / $0 }, shape: c.tensor.shape), zero)
    case .add: return (one, Tensor(v, shape: c.tensor.shape))
    case .sub: return (one, Tensor(v.map { -$0 }, shape: c.tensor.shape))
    default: return nil
    }
  }

  private static func spread(_ t: Tensor, _ n: Int) -> [Float]? {
    guard let v = t.floats() else { return nil }
    if v.count == n { return v }
    return v.count == 1 ? [Float](repeating: v[0], count: n) : nil
  }

  /// A per-channel constant broadcast on the last axis (`[C]`, `[1, 1, 1, C]`, C > 1).
  static func isChannelsLast(_ shape: [Int]) -> Bool {
    guard let last = shape.last, last > 1 else { return false }
    return shape.dropLast().allSatisfy { $0 == 1 }
  }
}
