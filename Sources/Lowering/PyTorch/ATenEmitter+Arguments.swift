import ModelGraph

/// Typed access to the current node's arguments and to source tensor types; failures name the
/// file, node, op and argument.
extension ATenEmitter {
  func fail(_ argument: String, expected: String, found: String) -> LoweringError {
    .invalidArgument(file: file, node: node.name, op: node.opType, argument: argument, expected: expected, found: found)
  }

  private func attribute(_ name: String) throws(LoweringError) -> Attribute {
    guard let a = node.attributes[name] else { throw fail(name, expected: "present", found: "nothing") }
    return a
  }

  func has(_ name: String) -> Bool { node.attributes[name] != nil }

  func int(_ name: String) throws(LoweringError) -> Int {
    guard let v = try attribute(name).int else { throw fail(name, expected: "an integer", found: "\(try attribute(name))") }
    return Int(v)
  }

  func bool(_ name: String) throws(LoweringError) -> Bool { try int(name) != 0 }

  func ints(_ name: String) throws(LoweringError) -> [Int] {
    let a = try attribute(name)
    if let v = a.ints { return v.map { Int($0) } }
    if let v = a.int { return [Int(v)] }
    throw fail(name, expected: "a list of integers", found: "\(a)")
  }

  /// A `Scalar` argument (int or float) as a double.
  func number(_ name: String) throws(LoweringError) -> Double {
    let a = try attribute(name)
    if let v = a.int { return Double(v) }
    if let v = a.float { return Double(v) }
    throw fail(name, expected: "a number", found: "\(a)")
  }

  func optionalNumber(_ name: String) throws(LoweringError) -> Double? { has(name) ? try number(name) : nil }

  func string(_ name: String) throws(LoweringError) -> String {
    guard let v = try attribute(name).string else { throw fail(name, expected: "a string", found: "\(try attribute(name))") }
    return v
  }

  /// Spatial parameters (`int[2]`) expanded from one value to `count`.
  func spatial(_ name: String, count: Int) throws(LoweringError) -> [Int] {
    let v = try ints(name)
    if v.count == count { return v }
    if v.count == 1 { return Array(repeating: v[0], count: count) }
    throw fail(name, expected: "\(count) values", found: "\(v)")
  }

  func dims(_ tensor: String) throws(LoweringError) -> [Dim] {
    guard let dims = types[tensor]?.shape else { throw .unknownShape(file: file, node: node.name, tensor: tensor) }
    return dims
  }

  func shape(_ tensor: String) throws(LoweringError) -> [Int] {
    guard let shape = try dims(tensor).concrete else { throw .unknownShape(file: file, node: node.name, tensor: tensor) }
    return shape
  }

  func rank(_ tensor: String) throws(LoweringError) -> Int { try dims(tensor).count }

  func dtype(_ tensor: String) -> DType { types[tensor]?.elementType ?? .float32 }

  /// `axis` in `0..<rank`, from torch's possibly negative index.
  func axis(_ axis: Int, rank: Int, argument: String) throws(LoweringError) -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < max(rank, 1) else { throw fail(argument, expected: "an axis of a rank-\(rank) tensor", found: "\(axis)") }
    return a
  }
}
