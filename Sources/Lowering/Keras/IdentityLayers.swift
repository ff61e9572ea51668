import ModelGraph

/// Layers that do nothing at inference: `Dropout` and friends, `Identity`, and the node that
/// closes an inlined nested model. They become one `Identity` carrying the layer's name.
enum IdentityRule: KerasRule {
  static let classNames = [
    "ActivityRegularization", "AlphaDropout", "Dropout", "GaussianDropout", "GaussianNoise", "Identity",
    "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
  ]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    try layer.input()
  }
}
