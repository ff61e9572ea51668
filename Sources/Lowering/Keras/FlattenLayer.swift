import ModelGraph

/// `Flatten` → `Flatten(axis=1)` of the channels-last tensor, so the element order is Keras'
/// (`H, W, C`) and the following Dense kernel lines up.
enum FlattenRule: KerasRule {
  static let classNames = ["Flatten"]

  static func unsupported(_ node: Node) -> String? { node.channelsFirstReason }

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    let features = x.shape.dropFirst().reduce(1 as Int?) { a, d in a.flatMap { a in d.map { a * $0 } } }
    let y = b.emit("Flatten", [b.channelsLast(x)], ["axis": .int(1)])
    return KerasValue(name: y, shape: [x.shape[0], features], channelsFirst: false)
  }
}
