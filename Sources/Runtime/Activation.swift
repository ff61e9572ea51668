import ModelGraph

/// An elementwise activation, the one formula for its own kernel (Relu, Clip, LeakyRelu) and
/// for a producing kernel that applies it to its output before storing it, in place of the
/// activation node that follows (when nothing else reads the value in between), so fused and
/// unfused runs agree bit for bit. `CKernels/activation.h` spells the same comparisons.
enum Activation: Sendable, Equatable {
  case relu
  case clip(low: Float, high: Float)
  case leakyRelu(alpha: Float)

  @inline(__always)
  func apply(_ x: Float) -> Float {
    switch self {
    case .relu: max(x, 0)
    case .clip(let low, let high): min(max(x, low), high)
    case .leakyRelu(let alpha): x >= 0 ? x : alpha * x
    }
  }
}

/// A kernel that is one of the activations above, given its node's inputs after the first when
/// they are all constants (`nil` for an omitted optional input).
protocol ActivationKernel: Kernel {
  func activation(constants: [Tensor?]) -> Activation?
}

extension Relu: ActivationKernel {
  func activation(constants: [Tensor?]) -> Activation? { .relu }
}

extension LeakyRelu: ActivationKernel {
  func activation(constants: [Tensor?]) -> Activation? { .leakyRelu(alpha: alpha) }
}

extension Clip6: ActivationKernel {
  func activation(constants: [Tensor?]) -> Activation? { .clip(low: low, high: high) }
}

extension Clip11: ActivationKernel {
  /// Only with scalar float bounds (an omitted bound does not clip).
  func activation(constants: [Tensor?]) -> Activation? {
    var bounds: [Float] = [-.infinity, .infinity]
    for i in 1..<3 where i < constants.count {
      guard let bound = constants[i] else { continue }
      guard bound.isFloat, bound.elementCount == 1, let v = bound.floats()?.first else { return nil }
      bounds[i - 1] = v
    }
    return .clip(low: bounds[0], high: bounds[1])
  }
}
