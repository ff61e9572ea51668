import ModelGraph

/// The attributes every Reduce op shares, with the spec's defaults.
struct ReduceAttributes: Sendable {
  /// `nil`: reduce over every axis (or none, with `noopWithEmptyAxes`).
  var axes: [Int]?
  var keepDims = true
  var noopWithEmptyAxes = false

  init(_ node: Node) throws(RuntimeError) {
    axes = try node.ints("axes")
    keepDims = try node.int("keepdims", default: 1) != 0
    noopWithEmptyAxes = try node.int("noop_with_empty_axes", default: 0) != 0
  }
}

/// A Reduce op: every output element is `reduce` of the input elements along `axes`.
///
/// Until opset 13 (ReduceSum) or 18 (the others) the axes are an attribute; from then on they
/// are input 1, and an empty list reduces every axis unless `noop_with_empty_axes` is set.
protocol ReduceKernel: Kernel {
  /// True for the versions that read the axes from input 1.
  static var axesFromInput: Bool { get }
  var attributes: ReduceAttributes { get }
  init(attributes: ReduceAttributes)
  func reduce(_ chunk: UnsafeBufferPointer<Float>) -> Float
  /// Integer inputs; by default through `Float`, which is exact up to 2²⁴.
  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64
}

extension ReduceKernel {
  static var axesFromInput: Bool { false }
  static var arity: ClosedRange<Int> { axesFromInput ? 1...2 : 1...1 }

  init(node: Node, opset: Int) throws(RuntimeError) {
    self.init(attributes: try ReduceAttributes(node))
  }

  func reduce(_ chunk: UnsafeBufferPointer<Int64>) -> Int64 {
    let floats = chunk.map { Float($0) }
    return truncatedInt64(floats.withUnsafeBufferPointer { reduce($0) })
  }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    var axes = Self.axesFromInput ? try inputs.ints(1) : attributes.axes
    if axes?.isEmpty ?? true {
      if attributes.noopWithEmptyAxes { return [x] }
      axes = nil
    }
    var normalized = Set<Int>()
    for a in axes ?? Array(x.shape.indices) {
      guard let axis = Layout.axis(Int64(a), rank: x.rank) else {
        throw .attribute(name: "axes", expected: "axes in [-\(x.rank), \(x.rank))", found: "\(a)")
      }
      normalized.insert(axis)
    }
    let r = Reduction(x, axes: normalized, keepDims: attributes.keepDims)
    switch x.dtype.computeClass {
    case .float:
      guard let f = r.input.asFloat32() else { preconditionFailure("float tensors convert") }
      return [Tensor(f.withFloats { r.map($0, reduce) }, shape: r.shape).converted(to: x.dtype)]
    case .integer:
      return [Tensor.integers(r.input.withInt64s { r.map($0, reduce) }, dtype: x.dtype, shape: r.shape)]
    default:
      throw .dtype(input: 0, expected: "a numeric tensor", found: x.dtype)
    }
  }
}

/// `Int64(x)` truncated toward zero; NaN → 0 and out-of-range values saturate.
func truncatedInt64(_ x: Float) -> Int64 {
  guard !x.isNaN else { return 0 }
  return Int64(exactly: x.rounded(.towardZero)) ?? (x > 0 ? .max : .min)
}
