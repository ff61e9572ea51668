import ModelGraph

/// Attribute reads for the Relax rules, with the ONNX defaults passed in by each rule.
extension Node {
  func int(_ name: String, default value: Int64) -> Int64 { attributes[name]?.int ?? value }
  func float(_ name: String, default value: Float) -> Float { attributes[name]?.float ?? value }
  func ints(_ name: String) -> [Int64]? { attributes[name]?.ints }
  func string(_ name: String, default value: String) -> String { attributes[name]?.string ?? value }

  /// Throws unless `auto_pad` is absent or `NOTSET`: the rules write explicit pads only, and
  /// our lowering always makes them explicit.
  func requireExplicitPads(file: String) throws(TVMError) {
    let autoPad = string("auto_pad", default: "NOTSET")
    guard autoPad == "NOTSET" else {
      throw .invalidArgument(file: file, node: name, op: opType, argument: "auto_pad",
                             expected: "NOTSET (explicit pads)", found: autoPad)
    }
  }

  /// Throws when attribute `name` is set to something other than `expected`.
  func require(_ name: String, is expected: Int64, default value: Int64, file: String) throws(TVMError) {
    let found = int(name, default: value)
    guard found == expected else {
      throw .invalidArgument(file: file, node: self.name, op: opType, argument: name,
                             expected: String(expected), found: String(found))
    }
  }
}
