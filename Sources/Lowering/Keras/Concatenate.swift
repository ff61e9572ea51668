import ModelGraph

/// `Concatenate(axis)` → `Concat` on that axis in the first input's layout.
enum ConcatenateRule: KerasRule {
  static let classNames = ["Concatenate"]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    guard let first = layer.inputs.first else { throw .badInput(layer: layer.name, expected: "inputs", found: "none") }
    let axis = layer.int("axis", default: -1)
    let a = axis < 0 ? axis + first.rank : axis
    let names = layer.inputs.map { b.layout($0, like: first) }
    let y = b.emit("Concat", names, ["axis": .int(Int64(first.physicalAxis(a)))])
    var shape = first.shape
    shape[a] = layer.inputs.reduce(0 as Int?) { total, v in total.flatMap { t in v.shape[a].map { t + $0 } } }
    return KerasValue(name: y, shape: shape, channelsFirst: first.channelsFirst && first.rank >= 3)
  }
}
