import ModelGraph

/// One recorded tensor: the alignment key, the source layer it belongs to, and its layout.
public struct ActivationEntry: Sendable, Hashable, Codable {
  public var key: String
  public var layer: String
  public var op: String
  /// Per-input shape (without the batch-of-inputs axis).
  public var shape: [Int]
  /// `NHWC`, `NCHW` or `other`, as the recorder stated it.
  public var layout: String

  public init(key: String, layer: String, op: String, shape: [Int], layout: String) {
    self.key = key
    self.layer = layer
    self.op = op
    self.shape = shape
    self.layout = layout
  }
}

/// Activations of one model form over a set of inputs, readable one input at a time.
public protocol ActivationSource {
  /// Recorded tensors in execution (topological) order; the last one is the model's output.
  var entries: [ActivationEntry] { get }
  var inputCount: Int { get }
  /// The tensor `key` for input `index`, shaped as its entry says.
  func tensor(_ key: String, input index: Int) throws -> Tensor
}
