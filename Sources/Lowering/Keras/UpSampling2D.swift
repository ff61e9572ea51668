import ModelGraph

/// `UpSampling2D(size, interpolation)` → `Resize` by scales `[1, 1, sh, sw]`: "nearest"
/// repeats rows and columns (asymmetric, floor), "bilinear" is TensorFlow's half-pixel
/// bilinear resize.
enum UpSampling2DRule: KerasRule {
  static let classNames = ["UpSampling2D"]

  static func unsupported(_ node: Node) -> String? {
    if let reason = node.channelsFirstReason { return reason }
    let mode = node.attributes["interpolation"]?.string ?? "nearest"
    return mode == "nearest" || mode == "bilinear" ? nil : "interpolation '\(mode)' is not supported"
  }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let size = layer.pair("size", default: [2, 2])
    let nearest = (layer.string("interpolation") ?? "nearest") == "nearest"
    let attributes: [String: Attribute] = nearest
      ? ["mode": .string("nearest"), "coordinate_transformation_mode": .string("asymmetric"), "nearest_mode": .string("floor")]
      : ["mode": .string("linear"), "coordinate_transformation_mode": .string("half_pixel")]
    let scales = b.constant("scales", Tensor([1, 1, Float(size[0]), Float(size[1])], shape: [4]))
    let y = b.emit("Resize", [b.channelsFirst(x), "", scales], attributes)
    let shape = [x.shape[0], x.shape[1].map { $0 * size[0] }, x.shape[2].map { $0 * size[1] }, x.shape[3]]
    return KerasValue(name: y, shape: shape, channelsFirst: true)
  }
}
