import ModelGraph

/// Errors of the `Runtime` module. Cases carry the node, tensor or input concerned and what was
/// expected; their text is rendered in `RuntimeError+Description.swift`.
///
/// Kernels throw the kernel-level cases (`operand`, `attribute`, `dtype`, `shape`, `unsupported`)
/// without knowing their node; the interpreter wraps them in `.node(name:op:_:)`.
public indirect enum RuntimeError: Error, Sendable {
  // Graph level, reported before anything runs.
  /// Every op the registry lacks, with the nodes using it, and the ops that exist.
  case unsupportedOps([UnsupportedOp], supported: [String])
  case invalidGraph(GraphError)
  /// A node's input count is outside what its kernel accepts.
  case arity(node: String, op: String, expected: ClosedRange<Int>, found: Int)

  // Feeds.
  case unknownInput(name: String, expected: [String])
  case missingInput(name: String, expected: ValueType)
  case inputDType(name: String, expected: DType, found: DType)
  case inputShape(name: String, expected: [Dim], found: [Int])

  // Kernel level; the interpreter adds the node.
  /// Input `index` is required but omitted (or not computed).
  case missingOperand(index: Int)
  case attribute(name: String, expected: String, found: String)
  case dtype(input: Int, expected: String, found: DType)
  case shape(input: Int, expected: String, found: [Int])
  /// A legal attribute value or mode this runtime does not implement.
  case unsupported(String)
  /// A kernel produced fewer outputs than the node names.
  case outputCount(expected: Int, found: Int)
  case node(name: String, op: String, RuntimeError)

  // Re-execution and capture.
  case unknownNode(String)
  case unknownTensor(String)
  /// The `onTensor` sink failed for `tensor`.
  case sink(tensor: String, message: String)
  /// A run held more activation bytes than `Interpreter.memoryLimit` after node `after` (`nil`:
  /// its inputs alone).
  case memoryLimit(after: String?, bytes: Int, limit: Int)

  /// An instruction-set level (`DELTANN_ISA` or an option) this build or CPU cannot run.
  case unsupportedISA(String, supported: [String])
}

/// One op the registry does not implement and the nodes that use it.
public struct UnsupportedOp: Sendable, Hashable {
  public var op: String
  public var domain: String
  public var opset: Int
  public var nodes: [String]
}
