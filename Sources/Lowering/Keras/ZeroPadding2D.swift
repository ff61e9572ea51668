import ModelGraph

/// `ZeroPadding2D(((top, bottom), (left, right)))` → `Pad` (constant 0) on H and W.
enum ZeroPadding2DRule: KerasRule {
  static let classNames = ["ZeroPadding2D"]

  static func unsupported(_ node: Node) -> String? { node.channelsFirstReason }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let p = Cropping2DRule.fourSides(layer.ints("padding") ?? [1])
    let pads = b.constant("pads", .int64s([0, 0, p[0], p[2], 0, 0, p[1], p[3]]))
    let y = b.emit("Pad", [b.channelsFirst(x), pads], ["mode": .string("constant")])
    let shape = [x.shape[0], x.shape[1].map { $0 + p[0] + p[1] }, x.shape[2].map { $0 + p[2] + p[3] }, x.shape[3]]
    return KerasValue(name: y, shape: shape, channelsFirst: true)
  }
}
