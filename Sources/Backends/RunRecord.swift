import Foundation

/// What a run produced: the activations file, its sidecar, and what the sidecar says about them.
public struct RunRecord: Sendable {
  public var activations: URL
  public var sidecar: URL
  public var framework: String
  public var frameworkVersion: String
  /// Inputs in the batch.
  public var count: Int
  /// Keys of the model's outputs among `tensors`.
  public var outputs: [String]
  public var tensors: [CapturedTensor]
  public var timing: Timing?
  /// NaN/Inf element counts per model input, when the backend counts them (the interpreter).
  public var nonFiniteInputs: [String: Int] = [:]

  public init(activations: URL, sidecar: ActivationSidecar) {
    self.activations = activations
    self.sidecar = ActivationSidecar.url(beside: activations)
    framework = sidecar.framework
    frameworkVersion = sidecar.frameworkVersion
    count = sidecar.count
    outputs = sidecar.outputs
    tensors = sidecar.tensors
    timing = sidecar.timing
  }
}

/// One recorded tensor, as the sidecar describes it.
public struct CapturedTensor: Sendable, Equatable, Codable {
  /// Member name in the .npz (without `.npy`).
  public var key: String
  /// Source layer or module path, when the framework knows it.
  public var layer: String?
  public var op: String?
  /// Shape with the batch axis first.
  public var shape: [Int]
  public var dtype: String
  /// `NHWC`, `NCHW` or empty when unknown.
  public var layout: String?
  /// `concat` when each input's array kept its batch axis of 1 (the first axis counts inputs).
  public var batch: String?
}

/// Latency of one input, in milliseconds.
public struct Timing: Sendable, Equatable, Codable {
  /// Passes over the batch.
  public var repeats: Int
  public var min: Double
  public var median: Double
  public var p95: Double

  enum CodingKeys: String, CodingKey {
    case repeats = "repeat", min, median, p95
  }
}

extension Timing {
  /// The statistics of per-input latencies in milliseconds (`nil` without samples).
  public init?(repeats: Int, samples: [Double]) {
    guard !samples.isEmpty else { return nil }
    let sorted = samples.sorted()
    let pick = { (q: Double) in sorted[Swift.min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded()))] }
    self.init(repeats: repeats, min: pick(0), median: pick(0.5), p95: pick(0.95))
  }
}
