import ModelGraph

/// The sliding window of a Keras 2-D conv or pool layer: kernel, strides, dilation, padding.
struct ConvWindow {
  var kernel: [Int]
  var strides: [Int]
  var dilations: [Int]
  var same: Bool

  /// Reads `kernel_size`/`pool_size`, `strides`, `dilation_rate`, `padding` (pools default
  /// their strides to the pool size).
  init(_ layer: KerasLayer, kernelKey: String = "kernel_size", kernel fallback: [Int]? = nil) {
    kernel = layer.pair(kernelKey, default: fallback ?? [1, 1])
    strides = layer.pair("strides", default: kernelKey == "pool_size" ? kernel : [1, 1])
    dilations = layer.pair("dilation_rate", default: [1, 1])
    same = layer.string("padding") == "same"
  }

  static func unsupported(_ node: Node) -> String? {
    if let reason = node.channelsFirstReason { return reason }
    if let p = node.attributes["padding"]?.string, p != "same" && p != "valid" { return "padding '\(p)' is not supported" }
    return nil
  }

  /// ONNX window attributes for an NHWC input of Keras shape `shape`.
  func attributes(_ shape: [Int?], dilated: Bool = true) -> [String: Attribute] {
    var a = Padding.attributes(same: same, spatial: [shape[1], shape[2]], kernel: kernel, strides: strides,
                               dilations: dilations)
    a["kernel_shape"] = .ints(kernel.map(Int64.init))
    a["strides"] = .ints(strides.map(Int64.init))
    if dilated { a["dilations"] = .ints(dilations.map(Int64.init)) }
    return a
  }

  /// The Keras output shape for input `shape` with `channels` output channels.
  func outputShape(_ shape: [Int?], channels: Int?) -> [Int?] {
    [shape[0],
     Padding.outputSize(input: shape[1], kernel: kernel[0], stride: strides[0], dilation: dilations[0], same: same),
     Padding.outputSize(input: shape[2], kernel: kernel[1], stride: strides[1], dilation: dilations[1], same: same),
     channels]
  }

  /// Checks a kernel's shape against `expected` (nil = any).
  static func check(_ w: Tensor, _ expected: [Int?], layer: KerasLayer, weight: String) throws(LoweringError) {
    guard w.shape.count == expected.count, zip(w.shape, expected).allSatisfy({ $1 == nil || $0 == $1 }) else {
      throw .badWeight(layer: layer.name, weight: weight, expected: "\(expected.map { $0.map(String.init) ?? "?" })",
                       found: "\(w.shape)")
    }
  }
}
