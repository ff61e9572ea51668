import ModelGraph

/// `Permute(dims)` (1-based, batch excluded) → `Transpose` of the channels-last tensor.
enum PermuteRule: KerasRule {
  static let classNames = ["Permute"]

  static func lower(_ layer: KerasLayer, _ b: inout KerasLowering) throws(LoweringError) -> KerasValue {
    let x = try layer.input()
    guard let dims = layer.ints("dims"), dims.sorted() == Array(1..<x.rank) else {
      throw .badInput(layer: layer.name, expected: "dims permuting axes 1…\(x.rank - 1)", found: "\(layer.ints("dims") ?? [])")
    }
    let perm = [0] + dims
    let y = b.emit("Transpose", [b.channelsLast(x)], ["perm": .ints(perm.map(Int64.init))])
    return KerasValue(name: y, shape: perm.map { x.shape[$0] }, channelsFirst: false)
  }
}
