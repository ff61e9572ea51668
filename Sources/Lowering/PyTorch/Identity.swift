/// `dropout` (inference), `clone`, `alias`, `detach`, `contiguous` → `Identity`, which keeps the
/// FX node's output name in the graph.
enum Identity {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("Identity", [e.input(0)])
  }
}
