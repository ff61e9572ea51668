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
}

/// One recorded tensor, as the sidecar describes it.
public struct CapturedTensor: Sendable, Equatable, Decodable {
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
}

/// Latency of one input, in milliseconds.
public struct Timing: Sendable, Equatable, Decodable {
  /// Passes over the batch.
  public var repeats: Int
  public var min: Double
  public var median: Double
  public var p95: Double

  enum CodingKeys: String, CodingKey {
    case repeats = "repeat", min, median, p95
  }
}

/// The sidecar JSON the helper writes beside the .npz (`deltann.activations/1`).
struct Sidecar: Decodable {
  var format: String
  var framework: String
  var frameworkVersion: String
  var count: Int
  var outputs: [String]
  var timing: Timing?
  var tensors: [CapturedTensor]

  enum CodingKeys: String, CodingKey {
    case format, framework, frameworkVersion = "framework_version", count, outputs, timing, tensors
  }
}
