import Foundation

/// Something that runs a model on inputs and records activations as an .npz plus a JSON sidecar.
///
/// ```swift
/// let ort = try ExternalBackend(framework: .onnxruntime)
/// let record = try ort.run(RunRequest(model: onnx, inputs: batch, capture: .all, out: acts)) {
///   print("\($0.done)/\($0.total) \($0.what)")
/// }
/// ```
public protocol Backend: Sendable {
  var name: String { get }
  func run(_ request: RunRequest, progress: (RunProgress) -> Void) throws(BackendError) -> RunRecord
}

/// Which tensors a run records.
public enum CaptureRequest: Sendable, Hashable {
  /// The model's outputs only.
  case outputs
  /// Every layer's (or node's) output.
  case all
  /// These tensors besides the outputs (in-process backends only; the helpers record outputs or all).
  case tensors(Set<String>)
}

/// One run: a model, a batch of inputs (.npz with key `input`, batch first, or an .npy), and
/// where the activations go (`out` ends in .npz; the sidecar is the same name with .json).
public struct RunRequest: Sendable {
  public var model: URL
  public var inputs: URL
  public var capture: CaptureRequest
  public var out: URL
  /// Timing passes over the inputs after the capture pass (0: no timing).
  public var repeats: Int
  /// Replace existing outputs.
  public var force: Bool
  /// The layout of the inputs file's 4-D arrays (`NHWC`, `NCHW`) when known; a backend whose
  /// model takes the other layout transposes them (TVM only).
  public var inputLayout: String?
  /// The framework's intra-op threads; nil leaves the framework's own choice.
  public var threads: Int?

  public init(model: URL, inputs: URL, capture: CaptureRequest = .outputs, out: URL, repeats: Int = 1,
              force: Bool = false) {
    self.model = model
    self.inputs = inputs
    self.capture = capture
    self.out = out
    self.repeats = repeats
    self.force = force
    self.inputLayout = nil
    self.threads = nil
  }
}

/// A progress report: `done` of `total` steps, the current one described by `what`.
public struct RunProgress: Sendable, Equatable {
  public var done: Int
  public var total: Int
  public var what: String

  public init(done: Int, total: Int, what: String) {
    self.done = done
    self.total = total
    self.what = what
  }

  /// Parses the helper's `progress <done>/<total> <what>` line; `nil` for any other line.
  public init?(line: Substring) {
    guard line.hasPrefix("progress ") else { return nil }
    let rest = line.dropFirst("progress ".count)
    let count = rest.prefix { $0 != " " }
    let parts = count.split(separator: "/")
    guard parts.count == 2, let done = Int(parts[0]), let total = Int(parts[1]) else { return nil }
    self.init(done: done, total: total, what: String(rest.dropFirst(count.count).drop { $0 == " " }))
  }
}

extension Backend {
  /// `run(_:progress:)` spelled with the request's parts.
  public func run(model: URL, inputs: URL, capture: CaptureRequest, out: URL,
                  progress: (RunProgress) -> Void = { _ in }) throws(BackendError) -> RunRecord {
    try run(RunRequest(model: model, inputs: inputs, capture: capture, out: out), progress: progress)
  }
}
