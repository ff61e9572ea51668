import ModelGraph

/// Checks shared by the Relax rules: layouts, and 2-D paddings as ONNX pads.
enum RelaxLayout {
  /// Each attribute present must have the expected value.
  static func require(_ e: inout ATenEmitter, _ expected: [String: String]) throws(LoweringError) {
    for (name, value) in expected.sorted(by: { $0.key < $1.key }) where e.has(name) {
      let found = try e.string(name)
      guard found == value else { throw e.fail(name, expected: value, found: found) }
    }
  }

  /// `[top, left, bottom, right]` from Relax's 1, 2 or 4 padding values.
  static func pads(_ e: ATenEmitter, _ name: String) throws(LoweringError) -> [Int] {
    let p = try e.ints(name)
    switch p.count {
    case 1: return Array(repeating: p[0], count: 4)
    case 2: return p + p
    case 4: return p
    default: throw e.fail(name, expected: "1, 2 or 4 values", found: "\(p)")
    }
  }

  /// A boolean attribute as ONNX's 0 or 1; absent is 0.
  static func flag(_ e: ATenEmitter, _ name: String) throws(LoweringError) -> Int64 {
    e.has(name) ? (try e.bool(name) ? 1 : 0) : 0
  }
}
