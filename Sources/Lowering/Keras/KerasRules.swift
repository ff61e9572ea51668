/// Every Keras lowering rule, in one sorted list. To add a layer: write `<Layer>.swift` with a
/// `KerasRule` and add it here, in order.
enum KerasRules {
  static let all: [any KerasRule.Type] = [
    ActivationRule.self,
    BatchNormalizationRule.self,
    ConcatenateRule.self,
    Conv2DRule.self,
    Conv2DTransposeRule.self,
    Cropping2DRule.self,
    DenseRule.self,
    DepthwiseConv2DRule.self,
    FlattenRule.self,
    GlobalPooling2DRule.self,
    IdentityRule.self,
    LayerNormalizationRule.self,
    MergeRule.self,
    NormalizationRule.self,
    PReLURule.self,
    PermuteRule.self,
    Pooling2DRule.self,
    ReLURule.self,
    RescalingRule.self,
    ReshapeRule.self,
    SeparableConv2DRule.self,
    UpSampling2DRule.self,
    ZeroPadding2DRule.self,
  ]

  /// Rules by Keras class name.
  static let table: [String: any KerasRule.Type] = {
    var table: [String: any KerasRule.Type] = [:]
    for rule in all { for name in rule.classNames { table[name] = rule } }
    return table
  }()

  static func rule(for className: String) -> (any KerasRule.Type)? { table[className] }

  /// Every class with a rule, sorted.
  static var supportedClasses: [String] { table.keys.sorted() }
}
