import Foundation

/// The backends by name, written out once: the one place a user's choice (a CLI option, a
/// pipeline step's `backend` or `environment`) becomes a `Backend`.
///
/// ```swift
/// let backend = try BackendChoice.onnxruntime.make()
/// ```
public enum BackendChoice: String, Sendable, CaseIterable {
  /// Our interpreter, in this process: per-layer capture, streaming, isolation by re-execution.
  case interpreter
  /// onnxruntime through the Python helper (CPU provider).
  case onnxruntime
  /// TVM through the Python helper, built at an opt level: runs a TVM folder (`deltann convert
  /// --to tvm`) or an .onnx TVM imports; above opt level 0 captures are fused groups.
  case tvm
  /// Keras through the Python helper (.keras, .h5).
  case keras
  /// PyTorch through the Python helper (.pt2).
  case torch

  /// The backends that run a converted model (an ONNX file or a TVM folder), not a source.
  public static let candidates: [BackendChoice] = [.interpreter, .onnxruntime, .tvm]

  /// The framework that runs a source model file: PyTorch for `.pt2`, Keras otherwise.
  public init(sourceModel url: URL) {
    self = url.pathExtension.lowercased() == "pt2" ? .torch : .keras
  }

  /// The backend: the interpreter with `threads` (stopping beyond `memoryLimit` bytes of
  /// activations), or the helper for the framework (TVM built at `optLevel`, the helper's
  /// default 0 when nil).
  public func make(threads: Int = 1, optLevel: Int? = nil, memoryLimit: Int = .max) throws(BackendError) -> any Backend {
    switch self {
    case .interpreter: InterpreterBackend(threads: threads, memoryLimit: memoryLimit)
    case .onnxruntime: try ExternalBackend(framework: .onnxruntime)
    case .tvm: try ExternalBackend(framework: .tvm, optLevel: optLevel)
    case .keras: try ExternalBackend(framework: .keras)
    case .torch: try ExternalBackend(framework: .torch)
    }
  }
}
