import ModelGraph

/// `GlobalAveragePooling2D` / `GlobalMaxPooling2D` → `GlobalAveragePool` / `GlobalMaxPool`
/// (`[N, C, 1, 1]`), then `Flatten` to `[N, C]` unless `keepdims`.
enum GlobalPooling2DRule: KerasRule {
  static let classNames = ["GlobalAveragePooling2D", "GlobalMaxPooling2D"]

  static func unsupported(_ node: Node) -> String? { node.channelsFirstReason }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input(rank: 4)
    let op = layer.className == "GlobalMaxPooling2D" ? "GlobalMaxPool" : "GlobalAveragePool"
    let pooled = b.emit(op, [b.channelsFirst(x)])
    if layer.bool("keepdims", default: false) {
      return KerasValue(name: pooled, shape: [x.shape[0], 1, 1, x.shape[3]], channelsFirst: true)
    }
    return KerasValue(name: b.emit("Flatten", [pooled], ["axis": .int(1)]), shape: [x.shape[0], x.shape[3]], channelsFirst: false)
  }
}
