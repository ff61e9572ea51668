import ModelGraph

/// The elementwise merge layers: `Add` → `Add`/`Sum`, `Subtract` → `Sub`, `Multiply` →
/// `Mul`, `Average` → `Mean`, `Maximum` → `Max`, `Minimum` → `Min`; every input in the first
/// input's layout.
enum MergeRule: KerasRule {
  static let classNames = ["Add", "Average", "Maximum", "Minimum", "Multiply", "Subtract"]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    guard let first = layer.inputs.first, layer.inputs.count >= 2 else {
      throw .badInput(layer: layer.name, expected: "two or more inputs", found: "\(layer.inputs.count)")
    }
    let names = layer.inputs.map { b.layout($0, like: first) }
    let op: String
    switch layer.className {
    case "Add": op = names.count == 2 ? "Add" : "Sum"
    case "Subtract": op = "Sub"
    case "Multiply": op = names.count == 2 ? "Mul" : "MulChain"
    case "Average": op = "Mean"
    case "Maximum": op = "Max"
    default: op = "Min"
    }
    var y: String
    if op == "MulChain" {
      y = names[0]
      for n in names.dropFirst() { y = b.emit("Mul", [y, n]) }
    } else {
      y = b.emit(op, names)
    }
    let shape = layer.inputs.map(\.shape).reduce(first.shape) { a, s in zip(a, s).map { $0 ?? $1 } }
    return KerasValue(name: y, shape: shape, channelsFirst: first.channelsFirst && first.rank >= 3)
  }
}
