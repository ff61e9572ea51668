/// A difference between source and conversion that matters, tied to the source layer.
public struct Finding: Sendable, Codable, Hashable {
  public var kind: FindingKind
  public var severity: Severity
  /// The source layer concerned (`<interface>` for model inputs/outputs).
  public var layer: String
  /// When the candidate step implements several source layers at once (a constant-folded
  /// Rescaling + Normalization, a conv with its normalisation): all of them, `layer` first.
  public var group: [String]?
  /// Candidate nodes involved, if any.
  public var nodes: [String]
  /// What differs, in a few words: `strides`, `pads`, `epsilon`, `kernel`.
  public var subject: String
  public var expected: String
  public var found: String
  public var message: String

  /// The layer, or the fused group: "conv1 + bn1 (fused in the candidate)".
  public var layerDescription: String {
    guard let group, group.count > 1 else { return layer }
    return group.joined(separator: " + ") + " (fused in the candidate)"
  }

  /// True when `layer` is the finding's layer or one of its group.
  public func concerns(_ layer: String) -> Bool { self.layer == layer || (group?.contains(layer) ?? false) }

  public init(
    _ kind: FindingKind, _ severity: Severity = .error, layer: String, group: [String]? = nil, nodes: [String] = [],
    subject: String, expected: String = "", found: String = "", message: String
  ) {
    self.group = group
    self.kind = kind
    self.severity = severity
    self.layer = layer
    self.nodes = nodes
    self.subject = subject
    self.expected = expected
    self.found = found
    self.message = message
  }
}

public enum Severity: String, Sendable, Codable, Hashable, Comparable {
  case info, warning, error

  public static func < (a: Severity, b: Severity) -> Bool {
    let order: [Severity] = [.info, .warning, .error]
    return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
  }
}

/// The kinds of difference `Verify` reports.
public enum FindingKind: String, Sendable, Codable, Hashable, CaseIterable {
  /// A source layer with compute has no counterpart.
  case missingLayer = "missing-layer"
  /// Candidate compute that no source layer explains.
  case extraCompute = "extra-compute"
  /// Kernel size, strides, dilations, groups or effective padding differ.
  case attributeMismatch = "attribute"
  /// Epsilon, clip bounds, alpha, softmax axis, pooling modes, or the activation itself differ.
  case hyperParameterMismatch = "hyper-parameter"
  /// Weight values differ.
  case weightMismatch = "weight"
  /// Weights lost precision (float16 rounding, quantize–dequantize).
  case weightPrecision = "precision"
  /// Channel order of the first layer flipped (RGB↔BGR).
  case channelOrder = "channel-order"
  /// Data or kernel layout: missing, extra or wrong transpose; weights in the wrong axis order.
  case layout
  /// A tensor's shape after shape inference differs.
  case shapeMismatch = "shape"
  /// Inputs/outputs: layout, dtype, size, number of classes, preprocessing.
  case interface
  /// Nodes whose results nothing uses.
  case dangling
}
