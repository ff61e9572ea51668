import ModelGraph

/// How one family of Keras layer classes becomes ONNX nodes.
protocol KerasRule: Sendable {
  /// The Keras classes this rule lowers.
  static var classNames: [String] { get }
  /// Why `node` cannot be lowered (an unsupported option), or `nil`; checked for every layer
  /// before anything is emitted, so one error names them all.
  static func unsupported(_ node: Node) -> String?
  /// Emits the layer's nodes through `b` and returns its result.
  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue
}

extension KerasRule {
  static func unsupported(_ node: Node) -> String? { nil }
}

extension Node {
  /// A channels-first Keras layer (`data_format="channels_first"`) is not converted.
  var channelsFirstReason: String? {
    attributes["data_format"]?.string == "channels_first" ? "data_format=channels_first is not supported" : nil
  }
}
