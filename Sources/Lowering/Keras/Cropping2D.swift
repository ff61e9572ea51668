import ModelGraph

/// `Cropping2D(((top, bottom), (left, right)))` → `Slice` of H and W.
enum Cropping2DRule: KerasRule {
  static let classNames = ["Cropping2D"]

  static func unsupported(_ node: Node) -> String? { node.channelsFirstReason }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let c = fourSides(layer.ints("cropping") ?? [0])
    let ends = [c[1], c[3]].map { $0 == 0 ? Int(Int64.max) : -$0 }
    let inputs = [b.channelsFirst(x), b.constant("starts", .int64s([c[0], c[2]])), b.constant("ends", .int64s(ends)),
                  b.constant("axes", .int64s([2, 3]))]
    let y = b.emit("Slice", inputs)
    let shape = [x.shape[0], x.shape[1].map { $0 - c[0] - c[1] }, x.shape[2].map { $0 - c[2] - c[3] }, x.shape[3]]
    return KerasValue(name: y, shape: shape, channelsFirst: true)
  }

  /// `[top, bottom, left, right]` from Keras' flattened forms: `n`, `(h, w)` or `((t, b), (l, r))`.
  static func fourSides(_ v: [Int]) -> [Int] {
    switch v.count {
    case 1: [v[0], v[0], v[0], v[0]]
    case 2: [v[0], v[0], v[1], v[1]]
    default: Array(v.prefix(4))
    }
  }
}
