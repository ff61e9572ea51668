import ModelGraph

/// An op name in a domain and the opset from which one implementation applies.
///
/// `OpKey("Softmax", since: 13)` serves opsets 13 and later until a larger `since` exists.
struct OpKey: Hashable, Sendable, CustomStringConvertible {
  let op: String
  let domain: String
  let since: Int

  init(_ op: String, domain: String = "", since: Int) {
    self.op = op
    self.domain = domain
    self.since = since
  }

  var description: String { domain.isEmpty ? "\(op)-\(since)" : "\(domain).\(op)-\(since)" }
}

/// One ONNX op: decodes its attributes once, then maps input tensors to output tensors.
///
/// ```swift
/// struct Relu: UnaryKernel, AttributeFree {
///   static let key = OpKey("Relu", since: 6)
///   func apply(_ x: Float) -> Float { max(x, 0) }
/// }
/// ```
/// `inputs[i]` is `nil` for an omitted optional input. Return the outputs in the node's order;
/// extra trailing outputs (an optional `mask`, `Indices`) may be returned or left out when the
/// node does not name them.
protocol Kernel: Sendable {
  static var key: OpKey { get }
  /// How many inputs a node may name (omitted optional inputs count).
  static var arity: ClosedRange<Int> { get }
  init(node: Node, opset: Int) throws(RuntimeError)
  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor]
}

/// A kernel without attributes: `init(node:opset:)` comes for free.
protocol AttributeFree { init() }

extension Kernel where Self: AttributeFree {
  init(node: Node, opset: Int) throws(RuntimeError) { self.init() }
}

/// What a kernel may use besides its inputs: the thread budget, and the hand-written vector
/// kernels of the chosen instruction-set level (`nil` at `portable`: the op's own code runs).
public struct KernelContext: Sendable {
  public let threads: Int
  let vectorKernels: VectorKernels?
  /// The workers besides the caller (`threads - 1` of them), nil at one thread.
  let workers: WorkerPool?

  /// `isa` must be one of `KernelISA.supported`; another level runs the portable code.
  public init(threads: Int, isa: KernelISA = .best) {
    self.threads = max(1, threads)
    self.vectorKernels = VectorKernels(isa)
    self.workers = self.threads > 1 ? WorkerPool.shared(workers: self.threads - 1) : nil
  }

  /// The level the kernels run at.
  public var isa: KernelISA { vectorKernels?.isa ?? .portable }
}

extension Array where Element == Tensor? {
  /// Input `index`, or `.missingOperand` when it is omitted.
  func required(_ index: Int) throws(RuntimeError) -> Tensor {
    guard index < count, let t = self[index] else { throw .missingOperand(index: index) }
    return t
  }

  /// Input `index`, or `nil` when the node omits it.
  func optional(_ index: Int) -> Tensor? { index < count ? self[index] : nil }
}
