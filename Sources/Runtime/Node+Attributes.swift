import ModelGraph

/// Typed attribute access for kernels: `try node.int("axis", default: 1)`.
/// A present attribute of the wrong kind throws; an absent one gives the default.
extension Node {
  func int(_ name: String, default value: Int) throws(RuntimeError) -> Int {
    try int(name) ?? value
  }

  func int(_ name: String) throws(RuntimeError) -> Int? {
    guard let a = attributes[name] else { return nil }
    guard let v = a.int else { throw .attribute(name: name, expected: "an int", found: Self.kind(a)) }
    return Int(v)
  }

  func float(_ name: String, default value: Float) throws(RuntimeError) -> Float {
    guard let a = attributes[name] else { return value }
    guard let v = a.float else { throw .attribute(name: name, expected: "a float", found: Self.kind(a)) }
    return v
  }

  func string(_ name: String, default value: String) throws(RuntimeError) -> String {
    guard let a = attributes[name] else { return value }
    guard let v = a.string else { throw .attribute(name: name, expected: "a string", found: Self.kind(a)) }
    return v
  }

  func ints(_ name: String) throws(RuntimeError) -> [Int]? {
    guard let a = attributes[name] else { return nil }
    if case .int(let v) = a { return [Int(v)] }
    guard let v = a.ints else { throw .attribute(name: name, expected: "a list of ints", found: Self.kind(a)) }
    return v.map { Int($0) }
  }

  func floats(_ name: String) throws(RuntimeError) -> [Float]? {
    guard let a = attributes[name] else { return nil }
    guard let v = a.floats else { throw .attribute(name: name, expected: "a list of floats", found: Self.kind(a)) }
    return v
  }

  func tensor(_ name: String) throws(RuntimeError) -> Tensor? {
    guard let a = attributes[name] else { return nil }
    guard let v = a.tensor else { throw .attribute(name: name, expected: "a tensor", found: Self.kind(a)) }
    return v
  }

  static func kind(_ a: Attribute) -> String {
    switch a {
    case .float(let v): "the float \(v)"
    case .int(let v): "the int \(v)"
    case .string(let s): "the string '\(s)'"
    case .ints(let v): "the ints \(v)"
    case .floats(let v): "the floats \(v)"
    case .strings(let v): "the strings \(v)"
    case .tensor: "a tensor"
    case .graph, .graphs: "a graph"
    default: "another kind"
    }
  }
}
