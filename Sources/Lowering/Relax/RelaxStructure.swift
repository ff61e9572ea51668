import ModelGraph

/// Structure of the dataflow: `TupleGetItem` (field 0 of a batch norm, or a field of a `Tuple`
/// `RelaxLowering` already resolved) and the returned alias `gv = lv` are identities.
enum RelaxStructure {
  static func identity(_ e: inout ATenEmitter) throws(LoweringError) { e.finish("Identity", [e.input(0)]) }

  static func getItem(_ e: inout ATenEmitter) throws(LoweringError) {
    let index = try e.int("index")
    guard index == 0 else { throw e.fail("index", expected: "0 (the normalised output)", found: "\(index)") }
    e.finish("Identity", [e.input(0)])
  }
}
