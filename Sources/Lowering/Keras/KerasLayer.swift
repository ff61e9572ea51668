import ModelGraph

/// One Keras layer call as a lowering rule sees it: its source node (config as attributes),
/// its data inputs as lowered values, and its weights by variable name.
struct KerasLayer {
  let node: Node
  let inputs: [KerasValue]
  let weights: [String: Tensor]

  /// The node name: the qualified layer name, with `:k` for the k-th call of a shared layer.
  var name: String { node.name }
  var className: String { node.opType }

  func int(_ key: String, default value: Int) -> Int { node.attributes[key]?.int.map(Int.init) ?? value }
  func float(_ key: String) -> Float? { node.attributes[key]?.float }
  func string(_ key: String) -> String? { node.attributes[key]?.string }
  func bool(_ key: String, default value: Bool) -> Bool { node.attributes[key]?.int.map { $0 != 0 } ?? value }

  /// An int list attribute (a lone int counts as a one-element list).
  func ints(_ key: String) -> [Int]? {
    switch node.attributes[key] {
    case .ints(let v): v.map(Int.init)
    case .int(let v): [Int(v)]
    default: nil
    }
  }

  /// A number list attribute, from ints or floats (JSON does not keep `1.0` apart from `1`).
  func floats(_ key: String) -> [Float]? {
    switch node.attributes[key] {
    case .floats(let v): v
    case .ints(let v): v.map(Float.init)
    case .float(let v): [v]
    case .int(let v): [Float(v)]
    default: nil
    }
  }

  /// A pair attribute (`kernel_size`, `strides`) given as one int or a list of two.
  func pair(_ key: String, default value: [Int]) -> [Int] {
    guard let v = ints(key) else { return value }
    return v.count == 1 ? [v[0], v[0]] : v
  }

  /// The weight `variable`, which the importer guarantees for the classes it knows.
  func weight(_ variable: String) throws(LoweringError) -> Tensor {
    guard let w = weights[variable] else {
      throw .badWeight(layer: name, weight: variable, expected: "present", found: "missing")
    }
    return w
  }

  /// The single data input, checked to have `rank` (when given).
  func input(rank: Int? = nil) throws(LoweringError) -> KerasValue {
    guard let x = inputs.first else { throw .badInput(layer: name, expected: "one input", found: "none") }
    if let rank, x.rank != rank {
      throw .badInput(layer: name, expected: "rank \(rank)", found: "rank \(x.rank) \(x.shape.map { $0.map(String.init) ?? "?" })")
    }
    return x
  }
}
