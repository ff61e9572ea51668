/// `provenance.json` of a TVM folder (`deltann.tvm-provenance/1`): for every Relax binding, the
/// ONNX tensor and node it computes and the source layer they came from; for every parameter,
/// the initializer it holds; ONNX values that are another value under a second name (Identity).
public struct RelaxProvenance: Codable, Sendable, Hashable {
  public var format = "deltann.tvm-provenance/1"
  /// Every feed input's ONNX name by Relax parameter name; the batch axis is 1 in the module.
  public var inputs: [String: String]
  public var params: [String: String]
  public var bindings: [String: RelaxBindingProvenance]
  public var aliases: [String: String]
  public var outputs: [String]
}

/// Where one binding came from. `tensor` is `nil` for a step inside a node (a weight transpose,
/// a batch-norm tuple); `layout` is `NCHW` for 4-D activations and `other` otherwise.
public struct RelaxBindingProvenance: Codable, Sendable, Hashable {
  public var tensor: String?
  public var layer: String
  public var op: String
  public var node: String
  public var sourceOp: String?
  public var sourceNode: String?
  public var layout: String
}
