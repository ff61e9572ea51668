/// One aligned layer of one input: its error against the reference and the layers it reads.
public struct LayerObservation: Sendable, Hashable, Codable {
  /// The source layer's name (the alignment key).
  public var layer: String
  public var metrics: TensorMetrics
  /// Source layers whose outputs this layer reads; graph inputs included when aligned.
  public var inputs: [String]

  public init(layer: String, metrics: TensorMetrics, inputs: [String]) {
    self.layer = layer
    self.metrics = metrics
    self.inputs = inputs
  }
}
