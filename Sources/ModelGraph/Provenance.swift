/// Where a node came from: the source layer (Keras layer name, PyTorch module path) and the
/// source op (`keras.Conv2D`, `aten.convolution`) that a lowering rule turned into it.
/// `sourceNode` names the source graph's node when a layer holds several (PyTorch FX node names:
/// module `layer1.0.relu` runs as `relu_1`, `relu_2`, …); `nil` when layer and node coincide.
public struct Provenance: Sendable, Hashable, Codable {
  public var sourceLayer: String
  public var sourceOp: String
  public var sourceNode: String? = nil

  public init(sourceLayer: String, sourceOp: String, sourceNode: String? = nil) {
    self.sourceLayer = sourceLayer
    self.sourceOp = sourceOp
    self.sourceNode = sourceNode
  }
}
