/// Where a node came from: the source layer (Keras layer name, PyTorch module path) and the
/// source op (`keras.Conv2D`, `aten.convolution`) that a lowering rule turned into it.
public struct Provenance: Sendable, Hashable, Codable {
  public var sourceLayer: String
  public var sourceOp: String

  public init(sourceLayer: String, sourceOp: String) {
    self.sourceLayer = sourceLayer
    self.sourceOp = sourceOp
  }
}
